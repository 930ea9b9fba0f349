package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.conditionalfeed.store.Database;
import org.conditionalfeed.store.EntryDraft;
import org.conditionalfeed.store.EntryRepository;
import org.conditionalfeed.store.ExcerptRepository;
import org.conditionalfeed.store.FeedStateRepository;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a feed request costs the database, counted on a real H2 database. */
class FeedPublisherTest {

    private static final FeedChannel CHANNEL = new FeedChannel("Blog", "About things", "https://blog.example", 20, 65_536);
    /** These entries have no enclosures; one would link here. */
    private static final FeedRenderer RENDERER =
            new FeedRenderer(enclosure -> "https://media.example.org/" + enclosure.mediaId());

    @TempDir
    Path directory;
    private Database database;
    private final AtomicInteger statements = new AtomicInteger();

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:file:" + directory.resolve("feed"), "sa", "");
        database.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void exclusiveDatabaseAnswersUnchangedFeedWithoutAnyQuery() {
        assertTrue(database.isExclusive(), "an embedded H2 file database has one user");
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), true);
        EntryRepository entries = new EntryRepository(database.jdbi(), state);
        FeedPublisher publisher = new FeedPublisher(new ExcerptRepository(database.jdbi()), state, RENDERER, CHANNEL);
        entries.create(new EntryDraft("First", "<p>1</p>", null, null, List.of()));

        FeedSnapshot first = publisher.current();
        statements.set(0);
        for (int i = 0; i < 100; i++) {
            assertSame(first, publisher.current());
        }
        assertEquals(0, statements.get(), "no database round trip while nothing changed");

        entries.create(new EntryDraft("Second", null, null, null, List.of()));
        FeedSnapshot second = publisher.current();
        assertNotSame(first, second);
        assertTrue(second.revision() > first.revision());
        assertTrue(new String(second.identity().body(), java.nio.charset.StandardCharsets.UTF_8).contains("Second"));
    }

    @Test
    void sharedDatabaseChecksTheRevisionWithOneQueryAndRendersOnlyOnChange() {
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), false);
        EntryRepository entries = new EntryRepository(database.jdbi(), state);
        FeedPublisher publisher = new FeedPublisher(new ExcerptRepository(database.jdbi()), state, RENDERER, CHANNEL);
        entries.create(new EntryDraft("First", null, null, null, List.of()));
        FeedSnapshot first = publisher.current();

        statements.set(0);
        assertSame(first, publisher.current());
        assertEquals(1, statements.get(), "one revision check, no entry read, no render");

        // Another instance writes: simulated by a second repository on the same database.
        FeedStateRepository otherState = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), false);
        new EntryRepository(database.jdbi(), otherState).create(new EntryDraft("Elsewhere", null, null, null, List.of()));
        FeedSnapshot next = publisher.current();
        assertTrue(next.revision() > first.revision(), "the very next request sees the other writer's change");
    }

    @Test
    void changeIsRenderedRightAfterItCommitsSoTheNextReaderFindsItReady() {
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), true);
        EntryRepository entries = new EntryRepository(database.jdbi(), state);
        FeedPublisher publisher = new FeedPublisher(new ExcerptRepository(database.jdbi()), state, RENDERER, CHANNEL);
        state.onChange(change -> publisher.prepare());

        entries.create(new EntryDraft("Ready", "<p>made before anyone asked</p>", null, null, List.of()));
        statements.set(0);
        FeedSnapshot snapshot = publisher.current();

        assertEquals(0, statements.get(), "the reader after a write neither queries nor renders");
        assertTrue(new String(snapshot.identity().body(), java.nio.charset.StandardCharsets.UTF_8).contains("Ready"));
        assertTrue(snapshot.gzip().body().length > 0);
    }

    @Test
    void aRenderThatFailsEvenWithAnErrorAfterACommitLeavesTheWriteAnswered() {
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), true);
        EntryRepository entries = new EntryRepository(database.jdbi(), state);
        Jdbi exhausted = Jdbi.create(() -> {
            throw new OutOfMemoryError("simulated: no heap left for the render");
        });
        FeedPublisher failing = new FeedPublisher(new ExcerptRepository(exhausted), state, RENDERER,
                CHANNEL);
        state.onChange(change -> failing.prepare());

        long id = assertDoesNotThrow(() -> entries.create(new EntryDraft("Kept", null, null, null, List.of()))).id();
        assertTrue(entries.find(id).isPresent(), "the write returned normally and is committed");
    }
}
