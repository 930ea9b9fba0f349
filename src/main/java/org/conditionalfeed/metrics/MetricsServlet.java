package org.conditionalfeed.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.conditionalfeed.http.PlainTextErrors;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format, for the holder of the bearer
 * token. Without a token configured, metrics are off and the URL answers {@code 404}; without the
 * right {@code Authorization: Bearer} header, {@code 401} with a {@code WWW-Authenticate: Bearer}
 * challenge. The token is compared in constant time.
 *
 * <pre>curl -H "Authorization: Bearer $FEED_METRICS_TOKEN" http://localhost:8080/metrics</pre>
 *
 * <p>Thread-safe.
 */
public final class MetricsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The Prometheus text exposition format, version 0.0.4, which {@link PrometheusMeterRegistry#scrape()} writes. */
    static final String CONTENT_TYPE = "text/plain;version=0.0.4;charset=utf-8";
    static final String CHALLENGE = "Bearer realm=\"metrics\"";

    private final transient PrometheusMeterRegistry registry;
    private final transient byte[] tokenDigest;

    MetricsServlet(PrometheusMeterRegistry registry, String token) {
        this.registry = registry;
        this.tokenDigest = token == null ? null : sha256(token);
    }

    /** The servlet while metrics are off: every request gets {@code 404}. */
    public static MetricsServlet off() {
        return new MetricsServlet(null, null);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (registry == null) {
            PlainTextErrors.send(response, HttpServletResponse.SC_NOT_FOUND,
                    "Metrics are off: set FEED_METRICS_TOKEN to turn them on");
            return;
        }
        String presented = bearerToken(request.getHeader("Authorization"));
        if (presented == null) {
            response.setHeader("WWW-Authenticate", CHALLENGE);
            PlainTextErrors.send(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "Send Authorization: Bearer <FEED_METRICS_TOKEN>");
            return;
        }
        // Digests have one length whatever was sent, so the comparison takes the same time.
        if (!MessageDigest.isEqual(sha256(presented), tokenDigest)) {
            response.setHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
            PlainTextErrors.send(response, HttpServletResponse.SC_UNAUTHORIZED, "Wrong metrics token");
            return;
        }
        if (PlainTextErrors.refuseUnlessGetOrHead(request, response)) {
            return;
        }
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (request.getMethod().equals("GET")) {
            response.getOutputStream().write(body);
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header; {@code null} for any other. */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
