package org.conditionalfeed.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.conditionalfeed.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator's media API, behind the same HTTP Basic filter as the entries API.
 *
 * <pre>curl -u admin:secret -H 'Content-Type: audio/mpeg' -H 'Content-Disposition: attachment; filename="episode-1.mp3"' --data-binary @episode-1.mp3 http://localhost:8080/api/media</pre>
 *
 * <ul>
 *   <li>{@code POST /api/media}: the body is the file; {@code 201} with {@code Location} and the
 *       medium as JSON</li>
 *   <li>{@code GET /api/media?limit=20&offset=0}: newest first</li>
 *   <li>{@code GET|DELETE /api/media/{id}}: read, delete ({@code 409} while in use)</li>
 * </ul>
 * Every refusal is a JSON {@code {"error": "…"}}; {@link #service} is the one place that maps
 * failures to statuses.
 *
 * <p>Thread-safe.
 */
public final class MediaApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MediaApiServlet.class);
    private static final int MAX_PAGE = 100;

    private final transient MediaStore store;
    private final transient MediaIntake intake;
    private final transient MediaLinks links;
    private final transient MediaReferences references;
    private final transient ObjectMapper mapper;

    public MediaApiServlet(MediaStore store, MediaIntake intake, MediaLinks links, MediaReferences references,
            ObjectMapper mapper) {
        this.store = store;
        this.intake = intake;
        this.links = links;
        this.references = references;
        this.mapper = mapper;
    }

    /** A refusal with its status, thrown by request handling and answered in {@link #service}. */
    private static final class Refusal extends Exception {

        private static final long serialVersionUID = 1L;
        private final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            route(request, response);
        } catch (Refusal e) {
            send(response, e.status, Map.of("error", e.getMessage()));
        } catch (UploadRefused e) {
            if (e.reason() == UploadRefused.Reason.TOO_LARGE) {
                response.setHeader("Connection", "close");
            }
            LOG.info("Upload refused ({}): {}", e.reason().status(), e.getMessage());
            send(response, e.reason().status(), Map.of("error", e.getMessage()));
        } catch (StoreException e) {
            LOG.error("Database failure on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
            send(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    Map.of("error", "The database is not available; try again"));
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response)
            throws IOException, Refusal, UploadRefused {
        String path = request.getPathInfo();
        String method = request.getMethod();
        if (path == null || path.equals("/")) {
            switch (method) {
                case "GET", "HEAD" -> send(response, 200, store.list(
                        intParameter(request, "limit", 20, 1, MAX_PAGE),
                        intParameter(request, "offset", 0, 0, Integer.MAX_VALUE))
                        .stream().map(media -> MediaView.of(media, links)).toList());
                case "POST" -> upload(request, response);
                default -> throw methodNotAllowed(response, "GET, HEAD, POST");
            }
            return;
        }
        long id = parseId(path);
        switch (method) {
            case "GET", "HEAD" -> send(response, 200, MediaView.of(store.find(id).orElseThrow(() -> notFound(id)), links));
            case "DELETE" -> {
                Optional<String> user = references.usedBy(id);
                if (user.isPresent()) {
                    throw inUse(id, user.get());
                }
                try {
                    if (!store.delete(id)) {
                        throw notFound(id);
                    }
                } catch (MediumInUse e) {
                    // An entry took it as its enclosure between the check above and the delete.
                    throw inUse(id, references.usedBy(id).orElse("an entry"));
                }
                LOG.info("Medium {} deleted", id);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            }
            default -> throw methodNotAllowed(response, "GET, HEAD, DELETE");
        }
    }

    private void upload(HttpServletRequest request, HttpServletResponse response)
            throws IOException, UploadRefused {
        Media media;
        try {
            media = intake.receive(request);
        } catch (IOException e) {
            LOG.info("Upload ended early, nothing kept: {}", e.toString());
            response.setHeader("Connection", "close");
            send(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error", "the body ended early"));
            return;
        }
        LOG.info("Medium {} stored: {}, {}, {} bytes", media.id(), media.filename(), media.type(), media.length());
        response.setHeader("Location", request.getContextPath() + "/api/media/" + media.id());
        send(response, HttpServletResponse.SC_CREATED, MediaView.of(media, links));
    }

    private void send(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json; charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static int intParameter(HttpServletRequest request, String name, int fallback, int min, int max)
            throws Refusal {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        if (value.matches("[0-9]{1,10}")) {
            long parsed = Long.parseLong(value);
            if (parsed >= min && parsed <= max) {
                return (int) parsed;
            }
        }
        throw new Refusal(400, name + " must be a whole number from " + min + " to " + max);
    }

    private static long parseId(String path) throws Refusal {
        if (!path.matches("/[1-9][0-9]{0,17}")) {
            throw new Refusal(404, "no medium at " + path.substring(1));
        }
        return Long.parseLong(path.substring(1));
    }

    private static Refusal inUse(long id, String user) {
        return new Refusal(409, "medium " + id + " is used by " + user + "; remove it there first");
    }

    private static Refusal notFound(long id) {
        return new Refusal(404, "no medium with id " + id);
    }

    private static Refusal methodNotAllowed(HttpServletResponse response, String allow) {
        response.setHeader("Allow", allow);
        return new Refusal(405, "method not allowed here; allowed: " + allow);
    }
}
