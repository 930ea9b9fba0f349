package org.conditionalfeed.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing the database ends the pool's threads: a standalone Tomcat warns of a memory leak for
 * every thread of the WAR still alive when it undeploys it. A pool whose connections are all in
 * use is busy, not down.
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
    void busyPoolIsNotDownAndTheHealthCheckDoesNotWaitForIt() {
        Database database = Database.open("jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath(), "sa", "");
        List<Handle> taken = new ArrayList<>();
        try {
            assertEquals(Database.Health.UP, database.health());
            for (int i = 0; i < 10; i++) {
                taken.add(database.jdbi().open());
            }
            long started = System.nanoTime();
            assertEquals(Database.Health.BUSY, database.health(), "every connection in use, the database fine");
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofSeconds(5)) < 0,
                    "the health check waited for the pool");
        } finally {
            taken.forEach(Handle::close);
        }
        assertEquals(Database.Health.UP, database.health());
        database.close();
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
