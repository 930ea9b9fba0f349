package org.conditionalfeed.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * An image's width and height, read from its header without decoding a pixel: the JDK's ImageIO
 * readers for JPEG, PNG and GIF, and the RIFF header for WebP (which the JDK cannot read). An
 * image of more than {@value #MAX_PIXELS} pixels is refused, so that no later decoder (a browser,
 * a thumbnailer) is handed a decompression bomb.
 *
 * <p>Stateless and thread-safe.
 *
 * @param width pixel width
 * @param height pixel height
 */
record ImageDimensions(int width, int height) {

    static final long MAX_PIXELS = 50_000_000L;

    /**
     * Reads the dimensions from the first bytes of an image.
     *
     * @throws UploadRefused {@code 415} when the header cannot be read, {@code 413} when the image
     *     has too many pixels
     */
    static ImageDimensions read(String type, byte[] head, int length) throws UploadRefused {
        ImageDimensions dimensions = type.equals("image/webp") ? webp(head, length) : imageIo(type, head, length);
        if (dimensions.width() <= 0 || dimensions.height() <= 0) {
            throw unreadable(type);
        }
        if ((long) dimensions.width() * dimensions.height() > MAX_PIXELS) {
            throw new UploadRefused(UploadRefused.Reason.TOO_LARGE, "the image is " + dimensions.width() + "×"
                    + dimensions.height() + " pixels; at most " + MAX_PIXELS / 1_000_000 + " megapixels are taken");
        }
        return dimensions;
    }

    /** The same size turned by a quarter. */
    ImageDimensions transposed() {
        return new ImageDimensions(height, width);
    }

    private static ImageDimensions imageIo(String type, byte[] head, int length) throws UploadRefused {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (!readers.hasNext()) {
            throw unreadable(type);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(head, 0, length))) {
            reader.setInput(in, true, true);
            return new ImageDimensions(reader.getWidth(0), reader.getHeight(0));
        } catch (IOException | RuntimeException e) {
            throw unreadable(type);
        } finally {
            reader.dispose();
        }
    }

    /** The canvas size of a simple (VP8, VP8L) or extended (VP8X) WebP file. */
    private static ImageDimensions webp(byte[] b, int length) throws UploadRefused {
        if (length < 30) {
            throw unreadable("image/webp");
        }
        String chunk = new String(b, 12, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
        switch (chunk) {
            case "VP8X" -> {
                return new ImageDimensions(1 + uint24(b, 24), 1 + uint24(b, 27));
            }
            case "VP8L" -> {
                if ((b[20] & 0xFF) != 0x2F) {
                    throw unreadable("image/webp");
                }
                int bits = (b[21] & 0xFF) | (b[22] & 0xFF) << 8 | (b[23] & 0xFF) << 16 | (b[24] & 0xFF) << 24;
                return new ImageDimensions(1 + (bits & 0x3FFF), 1 + ((bits >>> 14) & 0x3FFF));
            }
            case "VP8 " -> {
                if ((b[23] & 0xFF) != 0x9D || (b[24] & 0xFF) != 0x01 || (b[25] & 0xFF) != 0x2A) {
                    throw unreadable("image/webp");
                }
                return new ImageDimensions(uint16(b, 26) & 0x3FFF, uint16(b, 28) & 0x3FFF);
            }
            default -> throw unreadable("image/webp");
        }
    }

    private static int uint16(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    private static int uint24(byte[] b, int offset) {
        return uint16(b, offset) | (b[offset + 2] & 0xFF) << 16;
    }

    private static UploadRefused unreadable(String type) {
        return new UploadRefused(UploadRefused.Reason.UNSUPPORTED_TYPE,
                "the bytes do not start with a readable " + type + " header");
    }
}
