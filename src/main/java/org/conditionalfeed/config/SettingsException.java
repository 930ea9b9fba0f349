package org.conditionalfeed.config;

/** A setting has a value the application cannot run with; the message names the variable. */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SettingsException(String message) {
        super(message);
    }
}
