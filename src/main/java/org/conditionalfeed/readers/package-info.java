/**
 * The feed's readers and their manners. {@link Manners} classifies one request from its headers
 * alone (a browser or a reader; which validators it sent), {@link PollPolicy} decides from a
 * reader's history whether it asked again too soon, {@link PollLedger} keeps that history in a
 * bounded cache, and {@link PolitePolling} is the filter in front of the feed URLs that answers
 * an over-eager reader {@code 429} with {@code Retry-After}, before anything is read or rendered.
 *
 * <p>{@link Manners} and {@link PollPolicy.Verdict} (which also carries the interval since the
 * reader's previous poll) are the per-request observation a report on the readers can be fed from.
 *
 * <p>Uses only {@code jakarta.servlet}; wired by {@code boot}, which registers each feed URL.
 */
package org.conditionalfeed.readers;
