/**
 * The application's settings: the immutable {@link Settings} record and {@link SettingsLoader},
 * which reads and validates the {@code FEED_*} environment variables (or JVM system properties of
 * the same names) once, at start-up.
 *
 * <p>Only the composition root in {@code boot} calls the loader; every other class receives the
 * values it needs through its constructor.
 */
package org.conditionalfeed.config;
