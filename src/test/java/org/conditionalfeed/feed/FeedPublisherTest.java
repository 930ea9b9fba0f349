package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.conditionalfeed.store.Database;
import org.conditionalfeed.store.EntryDraft;
import org.conditionalfeed.store.EntryRepository;
import org.conditionalfeed.store.ExcerptRepository;
import org.conditionalfeed.store.FeedIndexRepository;
import org.conditionalfeed.store.FeedStateRepository;
import org.conditionalfeed.store.FeedVersionRepository;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a feed request costs the database, counted on a real H2 database. */
class FeedPublisherTest {

    static final FeedChannel CHANNEL = new FeedChannel("Blog", "About things", "https://blog.example", 20, 65_536, "en");
    /** These entries have no enclosures; one would link to the media host. */
    static final FeedRenderers RENDERERS = new FeedRenderers(
            enclosure -> "https://media.example.org/" + enclosure.mediaId(), List.of(),
            TemplateEngine.createPrecompiled(null, ContentType.Html, FeedPublisherTest.class.getClassLoader(),
                    "org.conditionalfeed"));

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

    private static FeedPublisher publisher(Jdbi jdbi, FeedStateRepository state) {
        return new FeedPublisher(new ExcerptRepository(jdbi), new FeedIndexRepository(jdbi),
                new FeedVersionRepository(jdbi), state, CHANNEL, RENDERERS, new FeedChanges());
    }

    @Test
    void exclusiveDatabaseAnswersUnchangedFeedWithoutAnyQuery() {
        assertTrue(database.isExclusive(), "an embedded H2 file database has one user");
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), true);
        EntryRepository entries = new EntryRepository(database.jdbi(), state);
        FeedPublisher publisher = publisher(database.jdbi(), state);
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
        FeedPublisher publisher = publisher(database.jdbi(), state);
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
        FeedPublisher publisher = publisher(database.jdbi(), state);
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
        FeedPublisher failing = publisher(exhausted, state);
        state.onChange(change -> failing.prepare());

        long id = assertDoesNotThrow(() -> entries.create(new EntryDraft("Kept", null, null, null, List.of()))).id();
        assertTrue(entries.find(id).isPresent(), "the write returned normally and is committed");
    }

    @Test
    void aChangeRendersOnlyTheFeedsOfTheCategoriesItTouched() {
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), true);
        EntryRepository entries = new EntryRepository(database.jdbi(), state);
        FeedChanges changes = new FeedChanges();
        List<Set<String>> reported = new ArrayList<>();
        changes.onChange(reported::add);
        FeedPublisher publisher = new FeedPublisher(new ExcerptRepository(database.jdbi()),
                new FeedIndexRepository(database.jdbi()), new FeedVersionRepository(database.jdbi()), state, CHANNEL,
                RENDERERS, changes);
        AtomicInteger renders = new AtomicInteger();
        publisher.timeRenders(nanos -> renders.incrementAndGet());
        state.onChange(change -> publisher.prepare());
        for (String category : List.of("java", "cooking", "travel")) {
            entries.create(new EntryDraft("About " + category, null, null, null, List.of(category)));
        }
        List<FeedKey> categoryFeeds = new ArrayList<>();
        for (String category : List.of("java", "cooking", "travel")) {
            for (FeedFormat format : FeedFormat.values()) {
                categoryFeeds.add(new FeedKey(category, format));
            }
        }
        Map<FeedKey, FeedSnapshot> before = new HashMap<>();
        categoryFeeds.forEach(key -> before.put(key, publisher.current(key).orElseThrow()));
        renders.set(0);
        reported.clear();

        entries.create(new EntryDraft("More java", null, null, null, List.of("java")));

        assertEquals(8, renders.get(),
                "the three main feeds, the three of java and both pages, before the write is answered");
        assertEquals(List.of(Set.of("/feed.xml", "/feed.atom", "/feed.json", "/categories/java/feed.xml",
                "/categories/java/feed.atom", "/categories/java/feed.json")), reported);
        statements.set(0);
        for (FeedKey key : categoryFeeds) {
            FeedSnapshot now = publisher.current(key).orElseThrow();
            boolean java = key.category().equals("java");
            assertEquals(!java, now.identity().validators().equals(before.get(key).identity().validators()), key.path());
        }
        assertEquals(8, renders.get(), "the other categories' feeds keep their bytes without a render");
        assertEquals(0, statements.get(), "and without a query");
        assertTrue(publisher.current(new FeedKey("unknown", FeedFormat.RSS)).isEmpty());
    }

    @Test
    void aThousandCategoriesCostARequestNoMoreThanOne() {
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), false);
        EntryRepository entries = new EntryRepository(database.jdbi(), state);
        FeedPublisher publisher = publisher(database.jdbi(), state);
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            categories.add("category " + i);
        }
        for (int i = 0; i < 1000; i += 50) {
            entries.create(new EntryDraft("Entry " + i, "<p>" + i + "</p>", null, null, categories.subList(i, i + 50)));
        }
        FeedKey last = new FeedKey("category 999", FeedFormat.ATOM);
        FeedSnapshot first = publisher.current(last).orElseThrow();
        statements.set(0);
        for (int i = 0; i < 10; i++) {
            assertSame(first, publisher.current(last).orElseThrow());
        }
        assertEquals(10, statements.get(), "one revision check per request, as for a blog with one category");
        assertEquals(1000, publisher.categories().size());
    }

    @Test
    void entriesWrittenBeforeTheCategoryTablesGetTheirCategoryFeedsAtTheFirstStart() {
        database.jdbi().useHandle(handle -> handle.execute("INSERT INTO entry (guid, title, content, link, author,"
                + " categories, published, updated, revision) VALUES ('urn:uuid:1', 'Older', NULL, NULL, NULL,"
                + " 'java' || CHAR(10) || 'cooking' || CHAR(10) || 'java', TIMESTAMP WITH TIME ZONE"
                + " '2020-01-01 00:00:00+00:00', TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00:00', 1)"));
        FeedIndexRepository indexes = new FeedIndexRepository(database.jdbi());
        indexes.addMissingCategories();
        indexes.addMissingCategories();
        FeedStateRepository state = new FeedStateRepository(database.jdbi(), Clock.systemUTC(), true);
        FeedPublisher publisher = publisher(database.jdbi(), state);
        assertEquals(Set.of("java", "cooking"), publisher.categories());
        String atom = new String(publisher.current(new FeedKey("java", FeedFormat.ATOM)).orElseThrow().identity()
                .body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(atom.contains("<title>Older</title>"), atom);

        EntryRepository entries = new EntryRepository(database.jdbi(), state);
        long id = entries.create(new EntryDraft("Newer", null, null, null, List.of("cooking"))).id();
        entries.update(id, new EntryDraft("Newer", null, null, null, List.of("travel")));
        assertEquals(Set.of("java", "cooking", "travel"), publisher.categories());
        entries.delete(1);
        assertEquals(Set.of("travel"), publisher.categories(), "a category without entries has no feed");
        assertTrue(publisher.current(new FeedKey("cooking", FeedFormat.RSS)).isEmpty());
    }
}
