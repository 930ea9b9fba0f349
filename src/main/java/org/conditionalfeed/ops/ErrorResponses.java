package org.conditionalfeed.ops;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.conditionalfeed.http.PlainTextErrors;

/**
 * Refusals written outside a servlet's own error handling (unknown paths, container errors,
 * unexpected failures): a JSON {@code {"error": "…"}} for every path under {@code /api/}, as the
 * API's clients expect, and a short plain-text line everywhere else.
 *
 * <p>Stateless and thread-safe.
 */
public final class ErrorResponses {

    /** The media type of every JSON error. */
    public static final String JSON_CONTENT_TYPE = "application/json; charset=UTF-8";

    private ErrorResponses() {
    }

    /**
     * Whether a path below the application's root (the request URI without the context path,
     * as sent: undecoded, path parameters included) belongs to the JSON API.
     */
    public static boolean isApiPath(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/api;");
    }

    /** {@code {"error":"message"}}, escaped as JSON. */
    public static String json(String message) {
        return "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(message)) + "\"}";
    }

    /** Writes {@code status} with {@code message}, as JSON under {@code /api/}; the response must not be committed. */
    public static void send(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        if (isApiPath(pathWithinApplication(request, request.getRequestURI()))) {
            sendJson(response, status, message);
        } else {
            PlainTextErrors.send(response, status, message);
        }
    }

    /** Writes {@code status} with {@code {"error":"message"}}; the response must not be committed. */
    static void sendJson(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = json(message).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(JSON_CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static String pathWithinApplication(HttpServletRequest request, String uri) {
        String contextPath = request.getContextPath();
        return uri.startsWith(contextPath) ? uri.substring(contextPath.length()) : uri;
    }

    /** What went wrong, in words, for the statuses the container raises. */
    public static String reason(int status) {
        return switch (status) {
            case 400 -> "Malformed request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 408 -> "Request timed out";
            case 411 -> "Length required";
            case 413 -> "Request too large";
            case 414 -> "Request URI too long";
            case 415 -> "Unsupported media type";
            case 501 -> "Not implemented";
            case 503 -> "Service unavailable";
            case 505 -> "HTTP version not supported";
            default -> status >= 500 ? "Internal error" : "Request refused";
        };
    }
}
