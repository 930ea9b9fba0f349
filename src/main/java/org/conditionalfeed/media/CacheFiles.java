package org.conditionalfeed.media;

import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The names and sizes of the media cache's files ({@link MediaCache}): {@code <id>-<sha256>} for a
 * verified copy, {@code <id>-<sha256>.<16 hex digits>.part} while one is written. Only files so
 * named are ever removed from the directory. Stateless and thread-safe.
 */
final class CacheFiles {

    private static final Pattern OWN = Pattern.compile("[0-9]{1,19}-[0-9a-f]{64}(\\.[0-9a-f]{16}\\.part)?");

    private CacheFiles() {
    }

    /** The name of the copy of a medium's bytes. */
    static String name(long id, String sha256) {
        return id + "-" + sha256;
    }

    /** The name of a copy being written; {@code nonce} keeps concurrent writers apart. */
    static String partName(long id, String sha256, long nonce) {
        return name(id, sha256) + "." + HexFormat.of().toHexDigits(nonce) + ".part";
    }

    /** Whether a file of this name is the cache's: a copy, or a leftover being written. */
    static boolean isOwn(String fileName) {
        return OWN.matcher(fileName).matches();
    }

    /** Whether a file of {@code length} bytes is copied at all: never one larger than the whole cache. */
    static boolean fits(long length, long maxBytes) {
        return length > 0 && length <= maxBytes;
    }

    /** A file's weight against the bound, in KiB rounded up (the cache counts in KiB to stay in {@code int}). */
    static int weightKib(long length) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, length / 1024 + (length % 1024 == 0 ? 0 : 1)));
    }
}
