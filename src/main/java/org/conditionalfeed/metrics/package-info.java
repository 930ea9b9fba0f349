/**
 * Operational figures for Prometheus, through Micrometer: requests by {@link Route} and status
 * and the body bytes sent ({@link RequestMetrics}), the feed's render time, the database pool
 * (HikariCP reports into the same registry), and the JVM's memory, garbage collection and
 * threads; served at {@code /metrics} to the holder of the bearer token ({@link MetricsServlet}).
 * {@link Metrics} owns the registry.
 *
 * <p>Uses only {@code jakarta.servlet}; wired by {@code boot}.
 */
package org.conditionalfeed.metrics;
