package org.conditionalfeed.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotency keys expire after {@link IdempotencyRepository#LIFETIME} and are cleaned up; on a real H2 database. */
class IdempotencyRepositoryTest {

    private static final EntryDraft DRAFT = new EntryDraft("Once", "<p>x</p>", null, null, List.of());

    @TempDir
    Path directory;
    private Database database;
    /** How far this test's clock runs ahead of the real one: it moves on, as writes expect. */
    private Duration ahead = Duration.ZERO;
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    };
    private IdempotencyRepository keys;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:file:" + directory.resolve("feed"), "sa", "");
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), clock, true);
        keys = new IdempotencyRepository(database.jdbi(), new EntryRepository(database.jdbi(), state), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aKeyCountsForItsLifetimeThenExpiresAndIsCleanedUp() {
        Entry first = keys.create("k1", "digest-1", DRAFT).orElseThrow();
        assertTrue(keys.create("k1", "digest-1", DRAFT).isEmpty(), "the key is taken");
        ahead = IdempotencyRepository.LIFETIME.minusSeconds(5);
        assertEquals(first.id(), keys.find("k1").orElseThrow().entryId());

        ahead = IdempotencyRepository.LIFETIME.plusSeconds(5);
        assertTrue(keys.find("k1").isEmpty(), "expired after " + IdempotencyRepository.LIFETIME);
        Entry second = keys.create("k1", "digest-2", DRAFT).orElseThrow();
        assertTrue(second.id() > first.id(), "an expired key can be used again");

        keys.create("k2", "digest-3", DRAFT).orElseThrow();
        ahead = IdempotencyRepository.LIFETIME.multipliedBy(2).plusSeconds(10);
        keys.create("k3", "digest-4", DRAFT).orElseThrow();
        assertEquals(1, rows(), "a create with a key deletes every expired key");
    }

    @Test
    void theFirstAnswerIsRebuiltExactly() {
        Entry created = keys.create("k", "d", DRAFT).orElseThrow();
        assertEquals(created, keys.find("k").orElseThrow().entry(DRAFT));
    }

    private int rows() {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM idempotency_key")
                .mapTo(Integer.class).one());
    }
}
