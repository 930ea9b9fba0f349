package org.conditionalfeed.admin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.conditionalfeed.store.Entry;
import org.conditionalfeed.store.EntryDraft;
import org.conditionalfeed.store.EntryRepository;
import org.conditionalfeed.store.FirstCreate;
import org.conditionalfeed.store.IdempotencyRepository;
import org.conditionalfeed.store.StoreException;
import org.conditionalfeed.store.UnknownEnclosure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrator's JSON API for entries, behind {@link BasicAuthFilter}.
 *
 * <pre>curl -u admin:secret -H 'Content-Type: application/json' -d '{"title":"Hello"}' http://localhost:8080/api/entries</pre>
 *
 * <ul>
 *   <li>{@code POST /api/entries}: create, {@code 201} with {@code Location}; with an
 *       {@code Idempotency-Key} ({@link IdempotencyKeys}), a retry gets the first answer again
 *       and creates nothing, the same key with another body gets {@code 422}</li>
 *   <li>{@code GET /api/entries?limit=20&offset=0}: newest first</li>
 *   <li>{@code GET|PUT|DELETE /api/entries/{id}}: read, replace, delete</li>
 * </ul>
 * Every refusal is a JSON {@code {"error": "…"}}; this class is the one place that maps failures
 * to statuses.
 *
 * <p>Thread-safe.
 */
public final class EntriesApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EntriesApiServlet.class);
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_PAGE = 100;

    private final transient EntryRepository entries;
    private final transient IdempotencyRepository idempotencyKeys;
    private final transient ObjectMapper mapper;
    private final transient JsonResponses json;
    private final transient EntryListWriter listWriter;

    public EntriesApiServlet(EntryRepository entries, IdempotencyRepository idempotencyKeys, ObjectMapper mapper,
            JsonResponses json) {
        this.entries = entries;
        this.idempotencyKeys = idempotencyKeys;
        this.mapper = mapper;
        this.json = json;
        this.listWriter = new EntryListWriter(entries, mapper);
    }

    /** The JSON mapper the API reads and writes with: strict about what it accepts. */
    public static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
        return mapper;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            route(request, response);
        } catch (ApiException e) {
            json.error(response, e.status(), e.getMessage());
        } catch (UnknownEnclosure e) {
            json.error(response, HttpServletResponse.SC_BAD_REQUEST, "enclosure: no medium with id " + e.mediaId()
                    + " (upload the file with POST /api/media first)");
        } catch (StoreException e) {
            LOG.error("Database failure on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
            if (response.isCommitted()) {
                return;
            }
            json.error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "The database is not available; try again");
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response) throws IOException, ApiException {
        String path = request.getPathInfo();
        String method = request.getMethod();
        if (path == null || path.equals("/")) {
            switch (method) {
                case "GET", "HEAD" -> list(request, response);
                case "POST" -> create(request, response);
                default -> throw methodNotAllowed(response, "GET, HEAD, POST");
            }
            return;
        }
        long id = parseId(path);
        switch (method) {
            case "GET", "HEAD" -> json.write(response, 200, EntryView.of(entries.find(id).orElseThrow(() -> notFound(id))));
            case "PUT" -> {
                EntryDraft draft = parse(readBody(request, response));
                Entry updated = entries.update(id, draft).orElseThrow(() -> notFound(id));
                LOG.info("Entry {} updated: feed revision {}", id, updated.revision());
                json.write(response, 200, EntryView.of(updated));
            }
            case "DELETE" -> {
                if (!entries.delete(id)) {
                    throw notFound(id);
                }
                LOG.info("Entry {} deleted", id);
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            }
            default -> throw methodNotAllowed(response, "GET, HEAD, PUT, DELETE");
        }
    }

    private void list(HttpServletRequest request, HttpServletResponse response) throws IOException, ApiException {
        int limit = intParameter(request, "limit", 20, 1, MAX_PAGE);
        int offset = intParameter(request, "offset", 0, 0, Integer.MAX_VALUE);
        listWriter.write(response, limit, offset);
    }

    /**
     * Creates an entry. With an {@code Idempotency-Key}, the key is recorded in the entry's own
     * transaction; a request whose key is already recorded creates nothing and gets the first
     * answer again, rebuilt from the record and its body (the same body: any other is
     * {@code 422}). Of two simultaneous requests with one key, the second waits for the first's
     * transaction and then gets its answer.
     */
    private void create(HttpServletRequest request, HttpServletResponse response) throws IOException, ApiException {
        Optional<String> key = IdempotencyKeys.of(request);
        byte[] body = readBody(request, response);
        if (key.isEmpty()) {
            answerCreated(request, response, entries.create(parse(body)), false);
            return;
        }
        String digest = IdempotencyKeys.digest(body);
        Optional<FirstCreate> first = idempotencyKeys.find(key.get());
        if (first.isEmpty()) {
            Optional<Entry> created = idempotencyKeys.create(key.get(), digest, parse(body));
            if (created.isPresent()) {
                answerCreated(request, response, created.get(), false);
                return;
            }
            first = idempotencyKeys.find(key.get());
        }
        if (first.isEmpty()) {
            throw new ApiException(409, "another request with this " + IdempotencyKeys.HEADER + " is in progress; "
                    + "retry it");
        }
        if (!first.get().requestDigest().equals(digest)) {
            throw new ApiException(422, "this " + IdempotencyKeys.HEADER + " was used for a request with another "
                    + "body; send a new key for a new request");
        }
        answerCreated(request, response, first.get().entry(parse(body)), true);
    }

    private void answerCreated(HttpServletRequest request, HttpServletResponse response, Entry created,
            boolean replayed) throws IOException {
        if (replayed) {
            LOG.info("Entry {} creation answered again for a retry with its {}", created.id(), IdempotencyKeys.HEADER);
            response.setHeader("Idempotent-Replayed", "true");
        } else {
            LOG.info("Entry {} created: feed revision {}", created.id(), created.revision());
        }
        response.setHeader("Location", request.getContextPath() + "/api/entries/" + created.id());
        json.write(response, HttpServletResponse.SC_CREATED, EntryView.of(created));
    }

    private byte[] readBody(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ApiException {
        JsonBody.requireJsonType(request.getContentType());
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge(response);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw tooLarge(response);
        }
        return body;
    }

    private EntryDraft parse(byte[] body) throws IOException, ApiException {
        if (body.length == 0) {
            throw new ApiException(400, "the request body is empty; send a JSON object");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(JsonBody.decode(body));
        } catch (JacksonException e) {
            throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage());
        }
        return EntryInput.parse(tree);
    }

    private static int intParameter(HttpServletRequest request, String name, int fallback, int min, int max)
            throws ApiException {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException malformed) {
            // reported below
        }
        throw new ApiException(400, name + " must be a whole number from " + min + " to " + max);
    }

    private static long parseId(String path) throws ApiException {
        Optional<Long> id = path.matches("/[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(path.substring(1)))
                : Optional.empty();
        return id.orElseThrow(() -> new ApiException(404, "no entry at " + path.substring(1)));
    }

    private static ApiException notFound(long id) {
        return new ApiException(404, "no entry with id " + id);
    }

    private static ApiException tooLarge(HttpServletResponse response) {
        response.setHeader("Connection", "close");
        return new ApiException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }

    private static ApiException methodNotAllowed(HttpServletResponse response, String allow) {
        response.setHeader("Allow", allow);
        return new ApiException(405, "method not allowed here; allowed: " + allow);
    }
}
