package org.conditionalfeed.media;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one upload from the request body into the {@link MediaStore}, one
 * {@link MediaStore#CHUNK_SIZE} piece at a time, so memory stays at one piece whatever the
 * file's size. The type and, for images, the dimensions are checked on the first piece, before
 * anything is stored; the size while the rest streams in. Whatever goes wrong after the first
 * piece is stored (too large, the client gone, the database failing) removes what was stored.
 * An image's width and height are stored as it is shown: swapped when its EXIF orientation
 * turns it by a quarter, as browsers and the thumbnails do.
 *
 * <p>Thread-safe.
 */
public final class MediaIntake {

    private static final Logger LOG = LoggerFactory.getLogger(MediaIntake.class);

    private final MediaStore store;
    private final AcceptedTypes types = new AcceptedTypes();
    private final long maxBytes;

    /** @param maxBytes the largest file taken ({@code FEED_MEDIA_MAX_BYTES}) */
    public MediaIntake(MediaStore store, long maxBytes) {
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /**
     * Takes the upload a request carries: the body is the file, its {@code Content-Type} the
     * declared type, its {@code Content-Disposition} the file name. Shared by every way of
     * uploading, so all apply the same limits and checks.
     *
     * @throws UploadRefused when the file is not taken; nothing is left stored
     * @throws IOException when the body ends early or cannot be read; nothing is left stored
     */
    public Media receive(HttpServletRequest request) throws UploadRefused, IOException {
        String filename = ContentDisposition.filename(request.getHeader("Content-Disposition"));
        long declaredLength = request.getContentLengthLong();
        if (declaredLength > maxBytes) {
            throw tooLarge();
        }
        if (declaredLength == 0) {
            throw new UploadRefused(UploadRefused.Reason.BAD_REQUEST, "the body is empty; send the file's bytes");
        }
        try (InputStream body = request.getInputStream()) {
            return receive(body, request.getContentType(), filename);
        }
    }

    /**
     * Stores the file the body carries.
     *
     * @param body the request body
     * @param declaredType the request's {@code Content-Type}, or {@code null}
     * @param filename a name already checked by {@link ContentDisposition}
     * @throws UploadRefused when the file is not taken; nothing is left stored
     * @throws IOException when reading the body fails; nothing is left stored
     */
    Media receive(InputStream body, String declaredType, String filename) throws UploadRefused, IOException {
        byte[] piece = new byte[MediaStore.CHUNK_SIZE];
        int length = body.readNBytes(piece, 0, piece.length);
        if (length == 0) {
            throw new UploadRefused(UploadRefused.Reason.BAD_REQUEST, "the body is empty; send the file's bytes");
        }
        AcceptedTypes.Kind kind = AcceptedTypes.accept(declaredType, types.detect(piece, length));
        ImageDimensions dimensions = kind.isImage() ? ImageDimensions.read(kind.type(), piece, length) : null;
        MessageDigest sha256 = sha256();
        long id = store.begin(filename, kind.type());
        boolean completed = false;
        try {
            long total = 0;
            int seq = 0;
            while (length > 0) {
                total += length;
                if (total > maxBytes) {
                    throw tooLarge();
                }
                sha256.update(piece, 0, length);
                store.append(id, seq++, piece, length);
                length = body.readNBytes(piece, 0, piece.length);
            }
            if (dimensions != null && ImageOrientation.turnsByQuarter(kind.type(), new ChunkInputStream(store, id))) {
                dimensions = dimensions.transposed();
            }
            Media media = store.complete(id, total, HexFormat.of().formatHex(sha256.digest()),
                    dimensions == null ? null : dimensions.width(), dimensions == null ? null : dimensions.height());
            completed = true;
            return media;
        } finally {
            if (!completed) {
                discard(id);
            }
        }
    }

    /** Removes a failed upload; a failure here must not hide the one that made it fail. */
    private void discard(long id) {
        try {
            store.discard(id);
        } catch (RuntimeException e) {
            LOG.warn("Could not remove failed upload {}; the next start removes it: {}", id, e.getMessage());
        }
    }

    UploadRefused tooLarge() {
        return new UploadRefused(UploadRefused.Reason.TOO_LARGE,
                "the file is larger than " + maxBytes + " bytes (FEED_MEDIA_MAX_BYTES)");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
