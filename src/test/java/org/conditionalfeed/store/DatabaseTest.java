package org.conditionalfeed.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the database ends the pool's threads: a standalone Tomcat warns of a memory leak for
 * every thread of the WAR still alive when it undeploys it.
 */
class DatabaseTest {

    @TempDir
    Path directory;

    private static Set<Thread> poolThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("feed-db") && thread.isAlive())
                .collect(Collectors.toSet());
    }

    @Test
    void closeEndsEveryPoolThread() {
        Set<Thread> before = poolThreads();
        Database database = Database.open("jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath(), "sa", "");
        assertEquals(Database.Health.UP, database.health());
        List<Thread> started = poolThreads().stream().filter(thread -> !before.contains(thread)).toList();
        assertFalse(started.isEmpty(), "the pool runs threads of its own");
        for (Thread thread : started) {
            assertTrue(thread.getName().matches("feed-db-\\d+"), "made by the database's thread factory: " + thread);
        }
        database.close();
        assertEquals(List.of(), poolThreads().stream().filter(thread -> !before.contains(thread))
                .map(Thread::getName).toList());
    }

    @Test
    void awaitingThePoolThreadsWaitsForAnEndingThread() throws InterruptedException {
        PoolThreads threads = new PoolThreads("feed-db-test");
        Thread ending = threads.newThread(() -> sleep(Duration.ofMillis(300)));
        ending.start();
        assertTrue(threads.awaitEnd(Duration.ofSeconds(10)));
        assertFalse(ending.isAlive());
    }

    @Test
    void awaitingThePoolThreadsGivesUpAtTheLimit() throws InterruptedException {
        PoolThreads threads = new PoolThreads("feed-db-test");
        CountDownLatch release = new CountDownLatch(1);
        Thread stuck = threads.newThread(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stuck.start();
        try {
            assertFalse(threads.awaitEnd(Duration.ofMillis(100)));
            assertTrue(stuck.isDaemon(), "never holds the JVM open");
        } finally {
            release.countDown();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
