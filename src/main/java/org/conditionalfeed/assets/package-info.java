/**
 * Versioned static assets (CSS, JavaScript, images): {@link AssetRegistry} loads them once and
 * names each by a hash of its content ({@code /assets/admin.3f2a1b9c0d.css}), so they can be
 * cached forever and are still never stale; {@link AssetServlet} serves them immutable.
 *
 * <p>Pages ask the registry for the current URL of an asset; wired by {@code boot}.
 */
package org.conditionalfeed.assets;
