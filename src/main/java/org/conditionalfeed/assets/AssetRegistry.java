package org.conditionalfeed.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conditionalfeed.http.EntityTag;
import org.conditionalfeed.http.Representation;
import org.conditionalfeed.http.Validators;

/**
 * The application's static assets, read once from the class path and named by their content:
 * {@code admin.css} is served as {@code /assets/admin.<first 10 hex digits of SHA-256>.css}.
 * Changing a file changes its URL; an old or unknown URL finds nothing.
 *
 * <p>Immutable after construction and thread-safe.
 */
public final class AssetRegistry {

    private static final Map<String, String> TYPES = Map.of(
            "css", "text/css; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    /** One asset: its logical name, versioned file name and both representations. */
    public record Asset(String name, String versionedName, Representation identity, Representation gzip) {
    }

    private final String urlPrefix;
    private final Map<String, Asset> byName = new LinkedHashMap<>();
    private final Map<String, Asset> byVersionedName = new LinkedHashMap<>();

    /**
     * Loads the named assets.
     *
     * @param loader where to find them
     * @param directory their class-path directory, e.g. {@code assets/}
     * @param names file names below it
     * @param urlPrefix the path they are served under, e.g. {@code /assets/}
     * @throws IllegalStateException when an asset is missing
     */
    public AssetRegistry(ClassLoader loader, String directory, List<String> names, String urlPrefix) {
        this.urlPrefix = urlPrefix;
        for (String name : names) {
            Asset asset = load(loader, directory + name, name);
            byName.put(name, asset);
            byVersionedName.put(asset.versionedName(), asset);
        }
    }

    /** The current URL path of an asset, e.g. {@code /assets/admin.3f2a1b9c0d.css}. */
    public String path(String name) {
        Asset asset = byName.get(name);
        if (asset == null) {
            throw new IllegalArgumentException("no asset named " + name);
        }
        return urlPrefix + asset.versionedName();
    }

    /** The asset with this versioned file name, if it is current. */
    public Optional<Asset> find(String versionedName) {
        return Optional.ofNullable(byVersionedName.get(versionedName));
    }

    private static Asset load(ClassLoader loader, String resource, String name) {
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("asset missing from the class path: " + resource);
        }
        byte[] bytes;
        Instant modified;
        try {
            URLConnection connection = url.openConnection();
            connection.setUseCaches(false);
            modified = Instant.ofEpochMilli(Math.max(0, connection.getLastModified()));
            try (InputStream in = connection.getInputStream()) {
                bytes = in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read asset " + resource, e);
        }
        String hash = sha256(bytes).substring(0, 10);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        String versionedName = (dot < 0 ? name : name.substring(0, dot)) + "." + hash + (dot < 0 ? "" : "." + extension);
        String type = TYPES.getOrDefault(extension, "application/octet-stream");
        Representation identity = new Representation(bytes, type, null,
                new Validators(EntityTag.strong(hash), modified));
        boolean compressible = type.startsWith("text/") || type.equals("image/svg+xml");
        return new Asset(name, versionedName, identity, compressible ? identity.gzipped() : null);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
