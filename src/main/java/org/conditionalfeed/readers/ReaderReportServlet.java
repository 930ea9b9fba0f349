package org.conditionalfeed.readers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader report for the administrator: JSON at {@code /admin/readers.json} (logged in) and
 * {@code /api/readers} (HTTP Basic, checked by the API's filter). Never cached.
 *
 * <pre>curl -u admin:secret http://localhost:8080/api/readers</pre>
 *
 * <p>Thread-safe.
 */
public final class ReaderReportServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ReaderReportServlet.class);

    private final transient ReaderStats stats;
    private final transient ObjectMapper mapper;
    private final transient Predicate<HttpServletRequest> administrator;

    /**
     * @param administrator whether a request comes from the logged-in administrator; asked for
     *     every path outside {@code /api/}
     */
    public ReaderReportServlet(ReaderStats stats, ObjectMapper mapper, Predicate<HttpServletRequest> administrator) {
        this.stats = stats;
        this.mapper = mapper;
        this.administrator = administrator;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            response.setHeader("Allow", "GET, HEAD");
            error(response, 405, "use GET");
            return;
        }
        boolean api = request.getServletPath().startsWith("/api/");
        if (!api && !administrator.test(request)) {
            error(response, 401, "log in at /admin/login first");
            return;
        }
        ReaderReport report;
        try {
            report = stats.report();
        } catch (RuntimeException e) {
            LOG.warn("Cannot read the reader report: {}", e.toString());
            error(response, 503, "the reader statistics cannot be read now");
            return;
        }
        write(response, 200, json(report));
    }

    private ObjectNode json(ReaderReport report) {
        ObjectNode root = mapper.createObjectNode();
        root.put("since", report.since().toString());
        ObjectNode totals = root.putObject("totals");
        totals.put("requests", report.totals().requests());
        totals.put("notModifiedShare", report.totals().notModifiedShare());
        totals.put("bytesSent", report.totals().bytesSent());
        totals.put("bytesSaved", report.totals().bytesSaved());
        totals.put("estimatedSubscribers", report.totals().estimatedSubscribers());
        ArrayNode readers = root.putArray("readers");
        for (ReaderReport.Row row : report.readers()) {
            ObjectNode node = readers.addObject();
            node.put("reader", row.reader());
            node.put("subscribers", row.subscribers());
            node.put("subscribersReported", row.subscribersReported());
            node.put("requests", row.requests());
            node.put("conditionalShare", row.conditionalShare());
            node.put("notModifiedShare", row.notModifiedShare());
            node.put("validatorsEchoed", row.validatorsEchoed());
            node.put("validatorsMadeUp", row.validatorsMadeUp());
            node.put("makesUpValidators", row.makesUpValidators());
            if (row.medianIntervalSeconds() >= 0) {
                node.put("medianIntervalSeconds", row.medianIntervalSeconds());
            } else {
                node.putNull("medianIntervalSeconds");
            }
            node.put("tooManyRequests", row.tooManyRequests());
            node.put("waitedAsTold", row.waitedAsTold());
            node.put("cameTooSoon", row.cameTooSoon());
            if (row.honoursRetryAfter() == null) {
                node.putNull("honoursRetryAfter");
            } else {
                node.put("honoursRetryAfter", row.honoursRetryAfter());
            }
            node.put("bytesSent", row.bytesSent());
            node.put("bytesWithoutConditional", row.bytesWithoutConditional());
            node.put("bytesSaved", row.bytesSaved());
            node.put("lastSeen", row.lastSeen().toString());
        }
        return root;
    }

    private void error(HttpServletResponse response, int status, String message) throws IOException {
        ObjectNode body = mapper.createObjectNode();
        body.put("error", message);
        write(response, status, body);
    }

    private void write(HttpServletResponse response, int status, ObjectNode body) throws IOException {
        byte[] bytes = mapper.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json; charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
