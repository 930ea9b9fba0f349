package org.conditionalfeed.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * One complete, immutable representation: bytes ready to send plus the metadata that goes with
 * them. The caller must not modify {@code body} after construction.
 *
 * @param body the exact bytes of the response body
 * @param contentType the {@code Content-Type} value
 * @param contentEncoding the {@code Content-Encoding} value, or {@code null} for identity
 * @param validators the representation's validators; a gzip variant has an entity tag of its own
 */
public record Representation(byte[] body, String contentType, String contentEncoding, Validators validators) {

    public Representation {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(validators, "validators");
    }

    /**
     * An identity representation whose strong entity tag is derived from {@code body} itself
     * ({@link EntityTag#ofBytes}): the tag names these bytes and no others.
     */
    public static Representation contentAddressed(byte[] body, String contentType, Instant lastModified) {
        return new Representation(body, contentType, null, new Validators(EntityTag.ofBytes(body), lastModified));
    }

    /**
     * The gzip-coded variant of this representation, tagged {@code <opaque>-gz} so that its
     * strong entity tag names its own byte sequence.
     */
    public Representation gzipped() {
        EntityTag tag = EntityTag.strong(validators.etag().opaque() + "-gz");
        return new Representation(gzip(body), contentType, "gzip", new Validators(tag, validators.lastModified()));
    }

    /**
     * The gzip-coded variant of this representation, tagged by the digest of the gzip bytes
     * themselves, like {@link #contentAddressed}, plus {@code -gz} so that logs show the variant.
     */
    public Representation gzippedContentAddressed() {
        byte[] compressed = gzip(body);
        EntityTag tag = EntityTag.strong(EntityTag.ofBytes(compressed).opaque() + "-gz");
        return new Representation(compressed, contentType, "gzip", new Validators(tag, validators.lastModified()));
    }

    /** Deterministic: Java's gzip header carries no time and no file name. */
    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, body.length / 3));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }
}
