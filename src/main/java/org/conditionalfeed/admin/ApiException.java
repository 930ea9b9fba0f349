package org.conditionalfeed.admin;

/**
 * A request the API refuses, with the status and the message the client gets as
 * {@code {"error": "…"}}. Thrown by request handling code; mapped to a response in one place,
 * {@link EntriesApiServlet#service}.
 */
final class ApiException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
