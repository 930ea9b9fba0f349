package org.conditionalfeed.assets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.conditionalfeed.http.PlainTextErrors;
import org.conditionalfeed.http.RepresentationResponder;

/**
 * {@code GET /assets/<name>.<hash>.<ext>}: a versioned asset, cacheable for a year and
 * immutable, with a strong ETag and {@code 304} on revalidation. An outdated or unknown hash is
 * {@code 404}.
 *
 * <pre>curl -i http://localhost:8080/assets/admin.3f2a1b9c0d.css</pre>
 *
 * <p>Thread-safe.
 */
public final class AssetServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final transient AssetRegistry registry;
    private final transient RepresentationResponder responder;
    private final transient Clock clock;

    public AssetServlet(AssetRegistry registry, Clock clock) {
        this.registry = registry;
        this.responder = new RepresentationResponder(CACHE_CONTROL);
        this.clock = clock;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        String path = request.getPathInfo();
        Optional<AssetRegistry.Asset> asset = path == null ? Optional.empty() : registry.find(path.substring(1));
        if (asset.isEmpty()) {
            PlainTextErrors.send(response, HttpServletResponse.SC_NOT_FOUND, "No such asset (it may have changed)");
            return;
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        responder.respond(request, response, asset.get().identity(), asset.get().gzip(), clock.instant());
    }
}
