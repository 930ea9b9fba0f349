package org.conditionalfeed.testing;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** JPEG photos made in memory for upload tests, optionally with an EXIF orientation. */
public final class Jpegs {

    private Jpegs() {
    }

    /** A gradient JPEG of this size. */
    public static byte[] photo(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200), width, height, new Color(240, 180, 40)));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The same JPEG with an EXIF segment (APP1) whose one tag is the orientation, put right after
     * the JFIF segment: a big-endian TIFF header and an IFD with the Orientation (0x0112) SHORT.
     */
    public static byte[] withOrientation(byte[] jpeg, int orientation) {
        int app0Length = ((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF);
        int insertAt = 4 + app0Length;
        byte[] exif = {
            (byte) 0xFF, (byte) 0xE1, 0, 34,
            'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0, 0, 0, 8,
            0, 1,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0,
        };
        byte[] result = new byte[jpeg.length + exif.length];
        System.arraycopy(jpeg, 0, result, 0, insertAt);
        System.arraycopy(exif, 0, result, insertAt, exif.length);
        System.arraycopy(jpeg, insertAt, result, insertAt + exif.length, jpeg.length - insertAt);
        return result;
    }
}
