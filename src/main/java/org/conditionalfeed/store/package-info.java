/**
 * Persistence: the connection pool and schema migrations ({@link Database}), the entries
 * ({@link EntryRepository}), the feed's revision row ({@link FeedStateRepository}) and the
 * administrator's credentials ({@link AdminUserRepository}). Rows are records; times are
 * {@link java.time.Instant} in UTC.
 *
 * <p>Knows nothing of HTTP. Throws no HTTP exceptions: a missing row is an empty
 * {@link java.util.Optional} or {@code false}. Called by {@code feed}, {@code admin},
 * {@code ops} and the composition root in {@code boot}.
 */
package org.conditionalfeed.store;
