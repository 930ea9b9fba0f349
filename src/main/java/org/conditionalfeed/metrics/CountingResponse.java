package org.conditionalfeed.metrics;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * A response that counts the body bytes written through its output stream, the way every
 * servlet here writes; what a servlet writes through {@link #getWriter()} is not counted.
 * Bytes discarded by a reset before the response was committed are not counted either.
 * One request's; not thread-safe, like the response itself.
 */
final class CountingResponse extends HttpServletResponseWrapper {

    private CountingStream stream;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new CountingStream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public void reset() {
        super.reset();
        discardCount();
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        discardCount();
    }

    /** Only an uncommitted response can be reset, so nothing counted so far was sent. */
    private void discardCount() {
        if (stream != null) {
            stream.count = 0;
        }
    }

    long written() {
        return stream == null ? 0 : stream.count;
    }

    private static final class CountingStream extends ServletOutputStream {

        private final ServletOutputStream target;
        private long count;

        CountingStream(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
            count += length;
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
