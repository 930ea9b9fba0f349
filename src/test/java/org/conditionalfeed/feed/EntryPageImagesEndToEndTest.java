package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.RunningFeedServer;
import org.conditionalfeed.testing.Jpegs;
import org.conditionalfeed.testing.MediaUploads;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Library images on an entry page get their thumbnails and size; other images are left as written. */
class EntryPageImagesEndToEndTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final RunningFeedServer running = RunningFeedServer.with(Map.of());

    private FeedServer server() {
        return running.server();
    }

    @Test
    void aLibraryImageGetsItsThumbnailsAsSrcsetAndItsSize() throws IOException {
        JsonNode photo = MediaUploads.upload(server(), Jpegs.photo(2000, 1000), "image/jpeg", "wide photo.jpg");
        String url = photo.get("url").asText();
        long id = server().createEntry(JSON.writeValueAsString(Map.of("title", "Pictures", "content",
                "<p><img src=\"" + url + "\" alt=\"Wide\"> <img src=\"https://elsewhere.example/a.jpg\" alt=\"Other\"></p>")));

        Document page = page(id);
        Element img = page.selectFirst("img[alt=Wide]");
        assertNotNull(img, page.html());
        JsonNode thumbnails = photo.get("thumbnails");
        assertEquals(thumbnails.get("160").asText() + " 160w, " + thumbnails.get("320").asText() + " 320w, "
                + thumbnails.get("640").asText() + " 640w, " + thumbnails.get("1280").asText() + " 1280w",
                img.attr("srcset"));
        assertEquals("(max-width: 704px) calc(100vw - 2rem), 672px", img.attr("sizes"));
        assertEquals("2000", img.attr("width"));
        assertEquals("1000", img.attr("height"));
        assertEquals(url, img.attr("src"), "the original stays the fallback");

        Element other = page.selectFirst("img[alt=Other]");
        assertFalse(other.hasAttr("srcset") || other.hasAttr("width"), other.outerHtml());
    }

    @Test
    void aTurnedPhotoIsSizedUprightAndASmallOneListsItself() throws IOException {
        JsonNode portrait = MediaUploads.upload(server(), Jpegs.withOrientation(Jpegs.photo(600, 300), 8), "image/jpeg", "portrait.jpg");
        JsonNode small = MediaUploads.upload(server(), Jpegs.photo(200, 100), "image/jpeg", "small.jpg");
        long id = server().createEntry(JSON.writeValueAsString(Map.of("title", "Two", "content",
                "<img src=\"" + portrait.get("url").asText() + "\" alt=\"Portrait\">"
                        + "<img src=\"" + small.get("url").asText() + "\" alt=\"Small\" width=\"100\">")));

        Document page = page(id);
        Element turned = page.selectFirst("img[alt=Portrait]");
        assertEquals("300", turned.attr("width"));
        assertEquals("600", turned.attr("height"));
        assertEquals(portrait.get("thumbnails").get("160").asText() + " 160w, " + portrait.get("url").asText()
                + " 300w", turned.attr("srcset"), "the 320 px thumbnail of a 300 px wide image is only itself again");
        Element sized = page.selectFirst("img[alt=Small]");
        assertEquals("100", sized.attr("width"), "the content's own width is kept");
        assertEquals("50", sized.attr("height"));
        assertEquals("(max-width: 132px) calc(100vw - 2rem), 100px", sized.attr("sizes"));
    }

    private Document page(long id) {
        HttpResponse<byte[]> response = server().get("/entries/" + id);
        assertEquals(200, response.statusCode());
        return Jsoup.parse(new String(response.body(), StandardCharsets.UTF_8));
    }
}
