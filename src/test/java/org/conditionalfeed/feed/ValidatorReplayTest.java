package org.conditionalfeed.feed;

import static org.conditionalfeed.testing.FeedClient.etag;
import static org.conditionalfeed.testing.FeedClient.lastModified;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.conditionalfeed.testing.FeedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever happens to the database (deleted and recreated empty, or restored from an older
 * copy), a validator that came with some bytes never gets a {@code 304} for other bytes: every
 * validator a reader ever got (the feed's identity and gzip tags, the entry pages' tags, every
 * {@code Last-Modified}) is replayed, {@code If-None-Match} and {@code If-Modified-Since} each
 * alone, against a server on the new database after each of its own changes; a {@code 304} is
 * only right when the current bytes are exactly those the validator came with.
 */
class ValidatorReplayTest {

    private static final List<String> ENCODINGS = List.of("identity", "gzip");

    @TempDir
    Path directory;
    private FeedServer server;
    private final Set<Seen> seen = new LinkedHashSet<>();
    private final List<Long> ids = new ArrayList<>();
    private int replayed304;

    /** One response a reader got: where, in which coding, its validators and its bytes. */
    private record Seen(String path, String encoding, String etag, String lastModified, byte[] body) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void recreatedDatabaseNeverRevalidatesAnOldValidatorForOtherBytes() throws IOException {
        server = FeedServer.start(directory);
        changes("First life", 4);
        server.close();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.getFileName().toString().startsWith("feed.")).toList()) {
                Files.delete(file);
            }
        }
        ids.clear();
        server = FeedServer.start(directory);
        replayEverything();
        changes("Second life", 3);
        assertTrue(replayed304 > 0, "an unchanged representation still revalidates (the empty feed, "
                + "identical in both lives)");
    }

    @Test
    void restoredOlderDatabaseNeverRevalidatesAnOldValidatorForOtherBytes() throws IOException {
        server = FeedServer.start(directory);
        changes("Before the backup", 2);
        server.close();
        Path database = directory.resolve("feed.mv.db");
        Path backup = directory.resolve("backup.mv.db.copy");
        Files.copy(database, backup);
        List<Long> backedUp = List.copyOf(ids);
        server = FeedServer.start(directory);
        changes("After the backup", 3);
        server.close();
        Files.copy(backup, database, StandardCopyOption.REPLACE_EXISTING);
        server = FeedServer.start(directory);
        ids.clear();
        ids.addAll(backedUp);
        replayEverything();
        changes("Restored, then changed", 3);
        assertTrue(replayed304 > 0, "the restored entries' pages revalidate: their bytes are the same");
    }

    @Test
    void sameBytesOnServersWithSeparateDatabasesHaveTheSameTags() {
        server = FeedServer.start(directory.resolve("a"));
        long id = server.createEntry("{\"title\":\"Soon gone\"}");
        assertEquals(204, server.api("DELETE", "/api/entries/" + id, null).statusCode());
        try (FeedServer other = FeedServer.start(directory.resolve("b"))) {
            for (String encoding : ENCODINGS) {
                HttpResponse<byte[]> here = server.get("/feed.xml", "Accept-Encoding", encoding);
                HttpResponse<byte[]> there = other.get("/feed.xml", "Accept-Encoding", encoding);
                assertArrayEquals(here.body(), there.body(), encoding + ": the same empty feed");
                assertEquals(etag(here), etag(there), encoding + ": the tag names the bytes, not the history");
                assertEquals(304, other.get("/feed.xml", "Accept-Encoding", encoding,
                        "If-None-Match", etag(here)).statusCode());
            }
        }
    }

    /** Makes {@code count} changes (creates, then an edit and a delete), replaying and recording after each. */
    private void changes(String label, int count) {
        for (int i = 1; i <= count; i++) {
            if (i == count && ids.size() > 1) {
                long deleted = ids.remove(0);
                assertEquals(204, server.api("DELETE", "/api/entries/" + deleted, null).statusCode());
            } else if (i == count - 1 && !ids.isEmpty()) {
                long edited = ids.get(ids.size() - 1);
                assertEquals(200, server.api("PUT", "/api/entries/" + edited,
                        "{\"title\":\"" + label + " edited\",\"content\":\"<p>" + label + " " + i + "</p>\"}")
                        .statusCode());
            } else {
                ids.add(server.createEntry("{\"title\":\"" + label + " " + i + "\",\"content\":\"<p>" + label
                        + " body " + i + "</p>\"}"));
            }
            replayEverything();
            record();
        }
    }

    private void record() {
        for (String encoding : ENCODINGS) {
            remember("/feed.xml", encoding);
        }
        for (long id : ids) {
            remember("/entries/" + id, "identity");
        }
    }

    private void remember(String path, String encoding) {
        HttpResponse<byte[]> response = server.get(path, "Accept-Encoding", encoding);
        assertEquals(200, response.statusCode(), path);
        seen.add(new Seen(path, encoding, etag(response), lastModified(response), response.body()));
    }

    private void replayEverything() {
        for (Seen old : seen) {
            replay(old, "If-None-Match", old.etag());
            replay(old, "If-Modified-Since", old.lastModified());
        }
    }

    private void replay(Seen old, String header, String validator) {
        HttpResponse<byte[]> conditional = server.get(old.path(), "Accept-Encoding", old.encoding(), header, validator);
        if (conditional.statusCode() != 304) {
            return;
        }
        replayed304++;
        HttpResponse<byte[]> current = server.get(old.path(), "Accept-Encoding", old.encoding());
        assertEquals(200, current.statusCode(), () -> old.path() + " answered 304 but is gone");
        assertArrayEquals(old.body(), current.body(), () -> "stale 304: " + header + ": " + validator + " on "
                + old.path() + " (" + old.encoding() + ") named other bytes than the current ones");
    }
}
