package org.conditionalfeed.admin;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Locale;

/**
 * How large a form the administrator's pages take, checked before the container parses one. The
 * entry form is sent as {@code multipart/form-data}, where the content travels as its UTF-8
 * bytes (a {@code x-www-form-urlencoded} form would need up to nine bytes per character): so
 * every entry the API accepts, up to {@value EntryForm#MAX_CONTENT} characters of content, fits.
 * A larger form is answered {@code 413} with a page saying so; the pages' script refuses it
 * before sending, with the text still in the form.
 *
 * <p>A multipart body is parsed only for a logged-in administrator, and any other form must be
 * small, so a stranger cannot make the server hold megabytes per request.
 *
 * <p>Stateless and thread-safe.
 */
public final class FormLimits {

    /**
     * The largest entry form in bytes: {@value EntryForm#MAX_CONTENT} characters of content are at
     * most three bytes each in UTF-8, the other fields and the multipart framing a few kilobytes.
     * The container's own form limit (Tomcat's {@code maxPostSize}) must be at least this.
     */
    public static final int MAX_ENTRY_FORM_BYTES = 4 * 1024 * 1024;
    /** The log-in, log-out and delete forms carry a few short fields. */
    static final long MAX_SMALL_FORM_BYTES = 64 * 1024;
    /** Parts larger than this wait on disk rather than in memory until they are read. */
    private static final int IN_MEMORY_PART_BYTES = 256 * 1024;

    /** What to do with a form post: accept it, or answer with this status and page. */
    enum Verdict {
        ACCEPT(200, "", ""),
        TOO_LARGE(413, "Too large to save", "This form is larger than the server accepts: an entry's content may be at most "
                + String.format(Locale.ROOT, "%,d", EntryForm.MAX_CONTENT) + " characters. Nothing was saved. Your browser's "
                + "Back button may bring back the form with your text: shorten the content and save again."),
        LENGTH_REQUIRED(411, "Form not sent completely", "The form came without its length. Reload the page and try again."),
        LOGGED_OUT(403, "Logged out", "Log in again to make changes."),
        MALFORMED(400, "Form not readable", "The form arrived incomplete or malformed; nothing was saved. Go back and "
                + "save again.");

        private final int status;
        private final String heading;
        private final String explanation;

        Verdict(int status, String heading, String explanation) {
            this.status = status;
            this.heading = heading;
            this.explanation = explanation;
        }

        int status() {
            return status;
        }

        String heading() {
            return heading;
        }

        String explanation() {
            return explanation;
        }
    }

    private FormLimits() {
    }

    /** The multipart configuration of the administrator's pages. */
    public static MultipartConfigElement multipartConfig() {
        return new MultipartConfigElement("", MAX_ENTRY_FORM_BYTES, MAX_ENTRY_FORM_BYTES, IN_MEMORY_PART_BYTES);
    }

    /** Decides, and for an accepted multipart form parses it, before anything reads a parameter. */
    static Verdict check(HttpServletRequest request, boolean loggedIn) {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        long length = request.getContentLengthLong();
        if (!type.startsWith("multipart/form-data")) {
            if (length < 0) {
                return Verdict.LENGTH_REQUIRED;
            }
            return length > MAX_SMALL_FORM_BYTES ? Verdict.TOO_LARGE : Verdict.ACCEPT;
        }
        if (!loggedIn) {
            return Verdict.LOGGED_OUT;
        }
        if (length > MAX_ENTRY_FORM_BYTES) {
            return Verdict.TOO_LARGE;
        }
        try {
            request.getParts();
            return Verdict.ACCEPT;
        } catch (IllegalStateException overAContainerLimit) {
            // Over the multipart limits above, or the container's form size limit (maxPostSize).
            return Verdict.TOO_LARGE;
        } catch (IOException | ServletException malformedOrCutShort) {
            return Verdict.MALFORMED;
        }
    }
}
