/**
 * What operators rely on: {@link HealthServlet} for load balancers, {@link AccessLogFilter} (one
 * log line per request, and the barrier that turns any unexpected failure into a plain
 * {@code 500} without a stack trace), {@link ErrorServlet} for errors the container raises,
 * {@link RootServlet} for unknown paths, {@link PathParameterFilter} refusing paths
 * with {@code ;} parameters, and {@link ErrorResponses}, which makes every one of these refusals
 * JSON under {@code /api/}.
 *
 * <p>Wired by {@code boot}.
 */
package org.conditionalfeed.ops;
