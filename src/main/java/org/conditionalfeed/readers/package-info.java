/**
 * The feed's readers and their manners. {@link Manners} classifies one request from its headers
 * alone (a browser or a reader; which validators it sent), {@link PollPolicy} decides from a
 * reader's history whether it asked again too soon, {@link PollLedger} keeps that history in a
 * bounded cache, and {@link PolitePolling} is the filter in front of the feed URLs that answers
 * an over-eager reader {@code 429} with {@code Retry-After}, before anything is read or rendered.
 *
 * <p>The reader report: {@link ReaderCounting}, a filter outside {@link PolitePolling}, hands
 * each answered feed request to {@link ReaderCounter} (memory only, bounded: readers by
 * {@link ReaderAgent}, poll intervals in {@link IntervalBuckets}, the validators recently sent
 * in {@link ValidatorMemory}); {@link ReaderStats} adds the counts to daily rows in the database
 * ({@link ReaderStatsStore}) every few seconds and builds the {@link ReaderReport}, which
 * {@link ReaderReportServlet} serves as JSON.
 *
 * <p>Uses only {@code jakarta.servlet}, {@code http}'s representations and {@code store}'s
 * helpers; wired by {@code boot}, which registers each feed URL.
 */
package org.conditionalfeed.readers;
