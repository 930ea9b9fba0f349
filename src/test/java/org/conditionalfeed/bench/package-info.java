/**
 * The benchmark harness, run by hand rather than by surefire (no class name ends in
 * {@code Test}): {@link FeedBenchmark} loads entries into an H2 file database, starts the packaged
 * jar as a child JVM, drives it with {@code wrk} (304 on {@code If-None-Match}, 200 identity,
 * 200 gzip), times cold renders after writes, reads the child's resident memory, and compares
 * every figure with the same feed bytes served as static files by Tomcat's
 * {@code DefaultServlet} ({@link StaticFeedServer}) and by nginx where it is installed.
 *
 * <pre>mvn -B -q package -DskipTests &amp;&amp; java -cp target/test-classes:target/conditional-feed.jar org.conditionalfeed.bench.FeedBenchmark</pre>
 *
 * <p>Uses {@code store} only to open the database for bulk loading while the server is stopped;
 * everything else it does over HTTP or through child processes, all of which it stops on exit.
 */
package org.conditionalfeed.bench;
