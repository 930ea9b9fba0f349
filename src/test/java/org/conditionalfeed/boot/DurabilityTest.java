package org.conditionalfeed.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The contract's promise that a {@code 201} or {@code 200} on a write is durable, checked against
 * the real launcher: acknowledged writes, then SIGKILL straight away, then a new launcher on the
 * same H2 file must show every one of them. (That commits are also forced to stable storage,
 * which SIGKILL cannot tell, is checked by {@code store.DatabaseFileEndToEndTest}.)
 */
class DurabilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the JVM reports for a process that SIGKILL ended: 128 + 9. */
    private static final int KILLED_BY_SIGKILL = 137;

    @TempDir
    Path directory;

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        ChildJvm first = start("first");
        Map<Long, String> expectedTitles = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            String title = "Entry " + i;
            HttpResponse<String> created = first.send(json(first.request("/api/entries"), "POST", title));
            assertEquals(201, created.statusCode(), () -> "POST " + title + ": " + created.body());
            expectedTitles.put(JSON.readTree(created.body()).get("id").asLong(), title);
        }
        List<Long> ids = new ArrayList<>(expectedTitles.keySet());
        for (long id : List.of(ids.get(2), ids.get(6))) {
            String title = "Entry " + id + " edited";
            HttpResponse<String> updated = first.send(json(first.request("/api/entries/" + id), "PUT", title));
            assertEquals(200, updated.statusCode(), () -> "PUT " + id + ": " + updated.body());
            expectedTitles.put(id, title);
        }
        long deleted = ids.get(7);
        HttpResponse<String> deletion = first.send(first.request("/api/entries/" + deleted).DELETE().build());
        // Killed before anything is asserted, so the last acknowledgement has no time to become durable late.
        first.process().destroyForcibly();
        assertEquals(204, deletion.statusCode(), () -> "DELETE " + deleted + ": " + deletion.body());
        expectedTitles.remove(deleted);

        assertEquals(KILLED_BY_SIGKILL, first.awaitExit(Duration.ofSeconds(10)), first::output);
        assertFalse(first.log().contains("Database closed"),
                () -> "the first launcher closed its database, so it was not killed hard:\n" + first.output());

        ChildJvm second = start("second");
        for (long id : ids) {
            HttpResponse<String> entry = second.send(second.request("/api/entries/" + id).GET().build());
            if (id == deleted) {
                assertEquals(404, entry.statusCode(), () -> "deleted entry " + id + " is back: " + entry.body());
            } else {
                assertEquals(200, entry.statusCode(), () -> "entry " + id + ": " + entry.body());
                assertEquals(expectedTitles.get(id), JSON.readTree(entry.body()).get("title").asText(),
                        () -> "title of entry " + id);
            }
        }
        HttpResponse<String> feed = second.send(second.request("/feed.xml").GET().build());
        assertEquals(200, feed.statusCode(), feed::body);
        assertEquals(new TreeSet<>(expectedTitles.values()), itemTitles(feed.body()), feed::body);
    }

    private ChildJvm start(String name) throws Exception {
        return children.start(directory, name);
    }

    private static HttpRequest json(HttpRequest.Builder request, String method, String title) throws Exception {
        JsonNode body = JSON.createObjectNode().put("title", title).put("content", "<p>" + title + "</p>");
        return request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
    }

    private static Set<String> itemTitles(String rss) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(rss.getBytes(StandardCharsets.UTF_8)));
        NodeList items = document.getElementsByTagName("item");
        Set<String> titles = new TreeSet<>();
        for (int i = 0; i < items.getLength(); i++) {
            NodeList title = ((Element) items.item(i)).getElementsByTagName("title");
            assertEquals(1, title.getLength(), "title elements in item " + i);
            String text = title.item(0).getTextContent();
            assertTrue(titles.add(text), () -> "duplicate item " + text);
        }
        return titles;
    }
}
