package org.conditionalfeed.media;

/**
 * An upload the library does not take, with the reason (which the API maps to a status) and a
 * message for the client.
 */
public final class UploadRefused extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an upload was refused. */
    public enum Reason {
        /** Empty body, or a missing or unsafe filename: 400. */
        BAD_REQUEST(400),
        /** Larger than allowed, in bytes or in pixels: 413. */
        TOO_LARGE(413),
        /** A type not accepted, or bytes that are not what the declared type says: 415. */
        UNSUPPORTED_TYPE(415);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Reason reason;

    UploadRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
