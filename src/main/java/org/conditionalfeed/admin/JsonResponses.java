package org.conditionalfeed.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Writes JSON bodies and JSON errors. Thread-safe: {@link ObjectMapper} is, once configured. */
public final class JsonResponses {

    static final String CONTENT_TYPE = "application/json; charset=UTF-8";

    private final ObjectMapper mapper;

    public JsonResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void write(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    void error(HttpServletResponse response, int status, String message) throws IOException {
        write(response, status, Map.of("error", message));
    }
}
