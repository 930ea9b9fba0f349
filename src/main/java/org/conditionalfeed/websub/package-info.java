/**
 * WebSub publishing (W3C WebSub, formerly PubSubHubbub): the hubs each feed names
 * ({@link HubLinks}, for the {@code Link} headers; the feed renderers write the same as
 * {@code atom:link}), and {@link WebSubPublisher}, which, after a change commits, pings every hub
 * with {@code hub.mode=publish} for each feed whose bytes changed. Pings wait in a database
 * table (the outbox, {@link PingOutbox}) until a hub accepts them, so they survive a restart, are
 * retried with exponential backoff ({@link Backoff}) and, when instances share PostgreSQL, are
 * claimed by one instance at a time ({@code FOR UPDATE SKIP LOCKED}).
 *
 * <p>Depends on {@code store}'s {@code Jdbi} only; wired by {@code boot}, which tells the
 * publisher when the feeds may have changed and how to read their current digests.
 */
package org.conditionalfeed.websub;
