package org.conditionalfeed.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.apache.tika.mime.MimeTypesFactory;

/**
 * Which files the library takes, decided from their bytes: Apache Tika's magic-number detector
 * (its core MIME table, plus the common MP4 brands from {@code mp4-brands.xml}) names what the
 * first bytes are, never looking at the file's name; the type the client declared must name the
 * same thing, allowing the usual aliases. SVG, HTML and everything else not listed are refused.
 *
 * <p>Thread-safe: Tika's {@link MimeTypes} is immutable once loaded.
 */
final class AcceptedTypes {

    /**
     * One accepted kind of file.
     *
     * @param type the media type it is stored and served with
     * @param declared the {@code Content-Type} values a client may declare for it
     * @param detected what Tika may call its bytes
     */
    record Kind(String type, Set<String> declared, Set<String> detected) {

        boolean isImage() {
            return type.startsWith("image/");
        }
    }

    /** In the order the README lists them. */
    static final List<Kind> KINDS = List.of(
            new Kind("image/jpeg", Set.of("image/jpeg", "image/jpg", "image/pjpeg"), Set.of("image/jpeg")),
            new Kind("image/png", Set.of("image/png", "image/x-png"), Set.of("image/png")),
            new Kind("image/gif", Set.of("image/gif"), Set.of("image/gif")),
            new Kind("image/webp", Set.of("image/webp"), Set.of("image/webp")),
            new Kind("audio/mpeg", Set.of("audio/mpeg", "audio/mp3", "audio/mpeg3", "audio/x-mpeg", "audio/x-mp3",
                    "audio/x-mpeg-3"), Set.of("audio/mpeg")),
            // An audio-only MP4 often carries a generic brand that tells nothing of its tracks.
            new Kind("audio/mp4", Set.of("audio/mp4", "audio/x-m4a", "audio/m4a", "audio/x-mp4a", "audio/aac-mp4"),
                    Set.of("audio/mp4", "video/mp4")),
            new Kind("audio/ogg", Set.of("audio/ogg", "audio/opus", "audio/vorbis", "application/ogg"),
                    Set.of("audio/opus", "audio/vorbis")),
            new Kind("video/mp4", Set.of("video/mp4", "video/x-m4v"), Set.of("video/mp4", "video/x-m4v")),
            new Kind("application/pdf", Set.of("application/pdf", "application/x-pdf"), Set.of("application/pdf")));

    private final MimeTypes detector;

    AcceptedTypes() {
        try (InputStream core = MimeTypes.class.getResourceAsStream("/org/apache/tika/mime/tika-mimetypes.xml");
                InputStream brands = AcceptedTypes.class.getResourceAsStream("mp4-brands.xml")) {
            this.detector = MimeTypesFactory.create(core, brands);
        } catch (IOException | MimeTypeException e) {
            throw new IllegalStateException("cannot load the media type tables: " + e.getMessage(), e);
        }
    }

    /** What the first bytes of a file are, by Tika's magic numbers alone. */
    String detect(byte[] head, int length) {
        try {
            return detector.detect(new ByteArrayInputStream(head, 0, length), new Metadata()).getBaseType().toString();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /**
     * The kind of file to store, when the declared type and the detected one agree on an
     * accepted kind.
     *
     * @param declared the request's {@code Content-Type}, parameters allowed; {@code null} if absent
     * @param detected what {@link #detect} found
     * @throws UploadRefused {@code 415} with what was wrong
     */
    static Kind accept(String declared, String detected) throws UploadRefused {
        Optional<Kind> byBytes = KINDS.stream().filter(kind -> kind.detected().contains(detected)).findFirst();
        if (byBytes.isEmpty()) {
            throw new UploadRefused(UploadRefused.Reason.UNSUPPORTED_TYPE, "the file is " + detected
                    + ", which the media library does not take; it takes " + acceptedList());
        }
        String mediaType = declared == null ? "" : declared.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (mediaType.isEmpty()) {
            throw new UploadRefused(UploadRefused.Reason.UNSUPPORTED_TYPE,
                    "declare the file's media type in Content-Type (its bytes say " + detected + ")");
        }
        return KINDS.stream()
                .filter(kind -> kind.declared().contains(mediaType) && kind.detected().contains(detected))
                .findFirst()
                .orElseThrow(() -> new UploadRefused(UploadRefused.Reason.UNSUPPORTED_TYPE,
                        "Content-Type says " + mediaType + " but the bytes are " + detected));
    }

    private static String acceptedList() {
        return "JPEG, PNG, GIF, WebP, MP3, M4A/MP4 audio, Ogg Opus/Vorbis, MP4 video and PDF";
    }
}
