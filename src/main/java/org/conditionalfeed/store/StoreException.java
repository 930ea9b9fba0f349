package org.conditionalfeed.store;

/** The database could not do what was asked (unreachable, migration failed, interrupted). */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
