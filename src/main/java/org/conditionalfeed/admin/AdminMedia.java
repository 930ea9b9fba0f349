package org.conditionalfeed.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Function;
import org.conditionalfeed.media.Media;
import org.conditionalfeed.media.MediaIntake;
import org.conditionalfeed.media.MediaLinks;
import org.conditionalfeed.media.MediaReferences;
import org.conditionalfeed.media.MediumInUse;
import org.conditionalfeed.media.MediaStore;
import org.conditionalfeed.media.UploadRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media library in the administrator's pages: the list (with 160 px thumbnails and delete
 * buttons), the upload page, and the upload itself, which takes the file as the raw request body
 * through the same {@link MediaIntake} as {@code POST /api/media}, so every limit and type check
 * is the API's; and what the entry form offers from the library: images to put into the content and
 * files to name as the enclosure.
 *
 * <p>Thread-safe.
 */
public final class AdminMedia {

    private static final Logger LOG = LoggerFactory.getLogger(AdminMedia.class);
    static final int PAGE_SIZE = 20;
    /** The newest images the entry form offers. */
    private static final int IMAGE_CHOICES = 100;
    /** The newest files the entry form offers as the enclosure. */
    static final int ENCLOSURE_CHOICES = 100;
    /** The kinds of file the entry form offers as the enclosure: a podcast episode or an attachment. */
    private static final List<String> ENCLOSURE_TYPES = List.of("audio/", "video/", "application/pdf");

    private final MediaStore store;
    private final MediaIntake intake;
    private final MediaLinks links;
    private final MediaReferences references;
    private final Function<Media, SortedMap<Integer, String>> thumbnails;
    private final long maxBytes;
    private final ObjectMapper mapper = new ObjectMapper();

    /**
     * @param thumbnails a medium's thumbnail URLs by their pixel width; empty when it has none
     * @param maxBytes the largest upload ({@code FEED_MEDIA_MAX_BYTES}), for the upload page
     */
    public AdminMedia(MediaStore store, MediaIntake intake, MediaLinks links, MediaReferences references,
            Function<Media, SortedMap<Integer, String>> thumbnails, long maxBytes) {
        this.store = store;
        this.intake = intake;
        this.links = links;
        this.references = references;
        this.thumbnails = thumbnails;
        this.maxBytes = maxBytes;
    }

    /** One medium in the list; {@code thumbnail} is {@code null} for a medium without one. */
    record Row(long id, String filename, String url, String type, String size, String thumbnail, int thumbnailWidth,
            int thumbnailHeight) {
    }

    record MediaPage(AdminPages.Frame frame, List<Row> rows, int number, boolean hasNext) {
    }

    record UploadPage(AdminPages.Frame frame, String maxSize) {
    }

    /** The list page's data: page {@code number} (from 1), newest first. */
    MediaPage listPage(AdminPages.Frame frame, int number) {
        List<Media> found = store.list(PAGE_SIZE + 1, (number - 1) * PAGE_SIZE);
        List<Row> rows = found.stream().limit(PAGE_SIZE).map(this::row).toList();
        return new MediaPage(frame, rows, number, found.size() > PAGE_SIZE);
    }

    UploadPage uploadPage(AdminPages.Frame frame) {
        return new UploadPage(frame, humanSize(maxBytes));
    }

    /**
     * What the entry form offers: the newest images to put into the content, and the newest
     * {@link #ENCLOSURE_CHOICES} audio, video and PDF files as the enclosure, plus medium
     * {@code enclosure} (selected; {@code null} selects "None") wherever it is in the library.
     */
    AdminPages.LibraryChoices formChoices(Long enclosure) {
        List<Media> newest = store.newestOfTypes(ENCLOSURE_CHOICES, ENCLOSURE_TYPES);
        List<Media> offered = new ArrayList<>(newest);
        if (enclosure != null && newest.stream().noneMatch(media -> media.id() == enclosure)) {
            store.find(enclosure).ifPresent(offered::add);
        }
        List<AdminPages.EnclosureChoice> enclosures = offered.stream()
                .map(media -> new AdminPages.EnclosureChoice(media.id(), media.filename() + " (" + media.type() + ", "
                        + humanSize(media.length()) + ", " + AdminPages.readable(media.created()) + ")",
                        enclosure != null && media.id() == enclosure))
                .toList();
        return new AdminPages.LibraryChoices(imageChoices(), enclosures, ENCLOSURE_CHOICES);
    }

    /** Whether medium {@code id} is in the library. */
    boolean exists(long id) {
        return store.find(id).isPresent();
    }

    /** The newest images of the library, for the entry form to put into the content. */
    private List<AdminPages.ImageChoice> imageChoices() {
        return store.list(IMAGE_CHOICES, 0).stream()
                .filter(media -> media.type().startsWith("image/") && media.width() != null && media.height() != null)
                .map(media -> new AdminPages.ImageChoice(links.url(media), media.width(), media.height(),
                        altOf(media.filename()), media.filename() + " (" + media.width() + "×" + media.height() + ")"))
                .toList();
    }

    /**
     * Takes an upload sent by the upload page's script and answers JSON: {@code 201} with the
     * medium's id, URL, name, type and an image's (upright) size, or the API's status with {@code {"error": "…"}}.
     */
    void upload(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Media media = intake.receive(request);
            LOG.info("Medium {} uploaded from the admin UI: {}, {}, {} bytes", media.id(), media.filename(),
                    media.type(), media.length());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", media.id());
            answer.put("url", links.url(media));
            answer.put("filename", media.filename());
            answer.put("type", media.type());
            if (media.width() != null) {
                answer.put("width", media.width());
                answer.put("height", media.height());
            }
            json(response, HttpServletResponse.SC_CREATED, answer);
        } catch (UploadRefused e) {
            if (e.reason() == UploadRefused.Reason.TOO_LARGE) {
                response.setHeader("Connection", "close");
            }
            LOG.info("Upload refused ({}): {}", e.reason().status(), e.getMessage());
            json(response, e.reason().status(), Map.of("error", e.getMessage()));
        } catch (IOException e) {
            LOG.info("Upload ended early, nothing kept: {}", e.toString());
            response.setHeader("Connection", "close");
            json(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", "the body ended early"));
        }
    }

    /** What deleting medium {@code id} did. */
    sealed interface Deletion {
        record Deleted(String filename) implements Deletion {
        }

        record InUse(String filename, String user) implements Deletion {
        }

        record Missing() implements Deletion {
        }
    }

    Deletion delete(long id) {
        Optional<Media> media = store.find(id);
        if (media.isEmpty()) {
            return new Deletion.Missing();
        }
        Optional<String> user = references.usedBy(id);
        if (user.isPresent()) {
            return new Deletion.InUse(media.get().filename(), user.get());
        }
        try {
            if (!store.delete(id)) {
                return new Deletion.Missing();
            }
        } catch (MediumInUse e) {
            // An entry took it as its enclosure between the check above and the delete.
            return new Deletion.InUse(media.get().filename(), references.usedBy(id).orElse("an entry"));
        }
        LOG.info("Medium {} deleted from the admin UI", id);
        return new Deletion.Deleted(media.get().filename());
    }

    /** Sends a JSON error from the upload endpoint before it reads the body. */
    void refuse(HttpServletResponse response, int status, String message) throws IOException {
        json(response, status, Map.of("error", message));
    }

    private Row row(Media media) {
        SortedMap<Integer, String> byWidth = thumbnails.apply(media);
        if (byWidth.isEmpty()) {
            return new Row(media.id(), media.filename(), links.url(media), media.type(), humanSize(media.length()), null,
                    0, 0);
        }
        int width = byWidth.firstKey();
        int height = (int) Math.max(1, Math.round((double) media.height() * width / media.width()));
        return new Row(media.id(), media.filename(), links.url(media), media.type(), humanSize(media.length()),
                byWidth.get(width), width, height);
    }

    private void json(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json; charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** A file name without its extension, as a starting point for an image's text alternative. */
    static String altOf(String filename) {
        int dot = filename.lastIndexOf('.');
        return (dot > 0 ? filename.substring(0, dot) : filename).replace('-', ' ').replace('_', ' ');
    }

    /** Bytes in binary units, one decimal above a KiB: {@code 512 bytes}, {@code 1.5 MiB}. */
    static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
