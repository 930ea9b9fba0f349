package org.conditionalfeed.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Short plain-text error responses for the public, non-JSON resources. */
public final class PlainTextErrors {

    private PlainTextErrors() {
    }

    /** Writes {@code status} with a one-line message; the response must not be committed. */
    public static void send(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain; charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * For read-only resources: answers anything but {@code GET} and {@code HEAD} with {@code 405}
     * and {@code Allow: GET, HEAD}.
     *
     * @return whether the request was refused (and answered)
     */
    public static boolean refuseUnlessGetOrHead(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return false;
        }
        response.setHeader("Allow", "GET, HEAD");
        send(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Method not allowed: use GET or HEAD");
        return true;
    }
}
