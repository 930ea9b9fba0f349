package org.conditionalfeed.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one medium from the database into the media cache's directory: into a temporary file of
 * its own, checking length and SHA-256 against the row as the bytes pass, then renamed at once to
 * the copy's name ({@link CacheFiles}). A copy cut off (a full disk, a crash, the medium deleted
 * meanwhile) or not matching its digest is removed and never gets the copy's name, so a reader of
 * that name sees a whole, verified file or none.
 *
 * <p>Thread-safe. A failure to write is logged once until a copy succeeds again.
 */
final class CacheFill {

    private static final Logger LOG = LoggerFactory.getLogger(CacheFill.class);

    private final MediaStore store;
    private final Path directory;
    private final AtomicBoolean failing = new AtomicBoolean();

    CacheFill(MediaStore store, Path directory) {
        this.store = store;
        this.directory = directory;
    }

    /** Makes the verified copy of {@code media}; empty when it could not be made. */
    Optional<Path> copy(Media media) {
        Path target = directory.resolve(CacheFiles.name(media.id(), media.sha256()));
        Path part = directory.resolve(CacheFiles.partName(media.id(), media.sha256(),
                ThreadLocalRandom.current().nextLong()));
        try {
            long free = Files.getFileStore(directory).getUsableSpace();
            if (free < media.length()) {
                throw new IOException("only " + free + " bytes free on its disk");
            }
            MessageDigest sha256 = MediaIntake.sha256();
            long copied;
            try (InputStream in = new ChunkInputStream(store, media.id());
                    OutputStream out = new DigestOutputStream(Files.newOutputStream(part, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE), sha256)) {
                copied = in.transferTo(out);
            }
            if (copied != media.length() || !HexFormat.of().formatHex(sha256.digest()).equals(media.sha256())) {
                LOG.info("Medium {} was not copied to the media cache: its stored bytes ({} of {}) did not match its"
                        + " row (deleted meanwhile?)", media.id(), copied, media.length());
                MediaCache.delete(part);
                return Optional.empty();
            }
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            failing.set(false);
            return Optional.of(target);
        } catch (IOException | RuntimeException e) {
            MediaCache.delete(part);
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Cannot copy medium {} to the media cache in {} ({}); media are served from the database"
                        + " until a copy succeeds", media.id(), directory, e.toString());
            } else {
                LOG.debug("Cannot copy medium {} to the media cache: {}", media.id(), e.toString());
            }
            return Optional.empty();
        }
    }

    /** Whether the medium's row is still there, read from the database itself. */
    boolean stillThere(Media media) {
        try {
            return store.find(media.id()).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

}
