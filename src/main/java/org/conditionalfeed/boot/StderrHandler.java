package org.conditionalfeed.boot;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Writes formatted records to standard error in UTF-8 through a 64 KiB buffer, so one
 * access-log line per request is not one system call per request: warnings and errors are
 * written at once, everything else whenever {@link #flush()} is called (the launcher calls it
 * every 250 ms) or the buffer fills.
 *
 * <p>Unlike {@link java.util.logging.StreamHandler}, it formats and encodes a record before it
 * takes its lock, which it holds only to copy the bytes: request threads logging at once do not
 * queue behind each other's formatting. Not a {@code ConsoleHandler}: Tomcat's logging bridge
 * resets the formatter of those. Closing flushes and leaves standard error open for whatever the
 * JVM still has to say.
 *
 * <p>Thread-safe.
 */
final class StderrHandler extends Handler {

    private final OutputStream out;

    StderrHandler(Formatter formatter) {
        this(new FileOutputStream(FileDescriptor.err), formatter);
    }

    StderrHandler(OutputStream target, Formatter formatter) {
        this.out = new BufferedOutputStream(target, 64 * 1024);
        setFormatter(formatter);
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] bytes;
        try {
            bytes = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError(null, e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        boolean urgent = record.getLevel().intValue() >= Level.WARNING.intValue();
        synchronized (this) {
            try {
                out.write(bytes);
                if (urgent) {
                    out.flush();
                }
            } catch (IOException e) {
                reportError(null, e, ErrorManager.WRITE_FAILURE);
            }
        }
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            reportError(null, e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public void close() {
        flush();
    }
}
