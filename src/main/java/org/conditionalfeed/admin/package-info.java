/**
 * Everything the administrator uses: the JSON entries API ({@link EntriesApiServlet}), its
 * input checks (media type and strict UTF-8, {@link JsonBody}; fields, {@link EntryInput}), HTTP
 * Basic authentication ({@link BasicAuthFilter}, {@link AdminAuthenticator}) over a salted PBKDF2
 * hash ({@link PasswordHasher}) behind the per-client {@link LoginThrottle}, {@code Secure}
 * cookies on HTTPS requests ({@link SecureCookieFilter}), and the JSON error mapping
 * ({@link ApiException}, {@link JsonResponses}).
 *
 * <p>Wired by {@code boot}; writes entries through {@code store}.
 */
package org.conditionalfeed.admin;
