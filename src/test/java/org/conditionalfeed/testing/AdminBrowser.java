package org.conditionalfeed.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The administrator's pages as a browser without JavaScript uses them: its own cookies, no
 * redirects followed, forms posted as {@code x-www-form-urlencoded} or {@code multipart/form-data}
 * with the page's CSRF token. One per test; not thread-safe.
 */
public final class AdminBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String BOUNDARY = "----conditional-feed-test-boundary";

    private final FeedClient server;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public AdminBrowser(FeedClient server) {
        this.server = server;
    }

    /** Logs in as the administrator; returns the CSRF token of the session. */
    public String logIn(String password) throws IOException, InterruptedException {
        HttpResponse<String> login = post("/admin/login", token(get("/admin/login").body()),
                Map.of("username", "admin", "password", password));
        if (login.statusCode() != 303) {
            throw new AssertionError("login answered " + login.statusCode() + ": " + login.body());
        }
        return token(get("/admin/").body());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the fields and the token as {@code application/x-www-form-urlencoded}. */
    public HttpResponse<String> post(String path, String token, Map<String, String> fields)
            throws IOException, InterruptedException {
        String body = withToken(token, fields).entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts the fields and the token as {@code multipart/form-data}, each value in UTF-8, as a browser sends a form. */
    public HttpResponse<String> postMultipart(String path, String token, Map<String, String> fields)
            throws IOException, InterruptedException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> field : withToken(token, fields).entrySet()) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(path, "multipart/form-data; boundary=" + BOUNDARY, body.toByteArray());
    }

    /**
     * Posts a file as the raw body, as the media upload page's script does: its type, its name
     * in {@code Content-Disposition} and the CSRF token in {@code X-CSRF-Token} ({@code null}
     * sends none).
     */
    public HttpResponse<String> upload(String path, String token, String type, String filename, byte[] file)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", type)
                .header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file));
        if (token != null) {
            request.header("X-CSRF-Token", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token in a page's form. */
    public static String token(String page) {
        Matcher matcher = CSRF.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no CSRF token in " + page);
        }
        return matcher.group(1);
    }

    private static Map<String, String> withToken(String token, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("csrf", token);
        all.putAll(fields);
        return all;
    }

    private HttpResponse<String> send(String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
