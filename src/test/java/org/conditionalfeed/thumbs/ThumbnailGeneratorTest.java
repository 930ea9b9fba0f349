package org.conditionalfeed.thumbs;

import static org.conditionalfeed.thumbs.TestImages.BLUE;
import static org.conditionalfeed.thumbs.TestImages.GREEN;
import static org.conditionalfeed.thumbs.TestImages.RED;
import static org.conditionalfeed.thumbs.TestImages.YELLOW;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.conditionalfeed.media.Media;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Thumbnails made from real image files, read through small chunks as from the database. */
class ThumbnailGeneratorTest {

    /** Small, so that every decoder crosses many chunk boundaries and seeks across them. */
    private static final int CHUNK = 1000;
    private static final Map<Character, Color> COLOURS = Map.of('R', RED, 'G', GREEN, 'B', BLUE, 'Y', YELLOW);

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}×{1} {2} at {3}: {4}×{5}")
    @CsvSource({
            "4000, 3000, jpeg, 160, 160, 120",
            "4000, 3000, jpeg, 320, 320, 240",
            "4000, 3000, jpeg, 640, 640, 480",
            "4000, 3000, jpeg, 1280, 1280, 960",
            "600, 900, png, 320, 320, 480",
            "600, 900, png, 1280, 600, 900",
            "100, 50, jpeg, 160, 100, 50",
            "1, 1, png, 160, 1, 1",
            "1, 1, jpeg, 1280, 1, 1",
            "1, 1, gif, 320, 1, 1",
    })
    void makesTheSizeAskedForNeverLarger(int width, int height, String format, int asked, int expectedWidth,
            int expectedHeight) throws IOException {
        Thumbnail thumbnail = make(TestImages.write(TestImages.gradient(width, height), format), "image/" + format,
                asked);

        BufferedImage image = TestImages.read(thumbnail.bytes());
        assertEquals(expectedWidth + "×" + expectedHeight, image.getWidth() + "×" + image.getHeight());
        assertEquals(format.equals("jpeg") ? "image/jpeg" : "image/png", thumbnail.type());
    }

    @Test
    void aLargeSourceIsDecodedWithSubsamplingAndStillLooksRight() throws IOException {
        Thumbnail thumbnail = make(TestImages.write(TestImages.quadrants(4000, 3000), "jpeg"), "image/jpeg", 320);

        BufferedImage image = TestImages.read(thumbnail.bytes());
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
        assertCorners(image, "RGBY");
    }

    /** Quadrants red, green / blue, yellow stored as 400×200; the corners as a browser shows them. */
    @ParameterizedTest(name = "EXIF orientation {0}: {1}×{2}, corners {3}")
    @CsvSource({
            "1, 160, 80, RGBY",
            "2, 160, 80, GRYB",
            "3, 160, 80, YBGR",
            "4, 160, 80, BYRG",
            "5, 160, 320, RBGY",
            "6, 160, 320, BRYG",
            "7, 160, 320, YGBR",
            "8, 160, 320, GYRB",
    })
    void appliesTheExifOrientation(int orientation, int width, int height, String corners) throws Exception {
        TestImages.assumeTool("exiftool", "-ver", "libimage-exiftool-perl");
        byte[] photo = TestImages.transform(directory, TestImages.write(TestImages.quadrants(400, 200), "jpeg"),
                "photo.jpg", "exiftool", "-q", "-overwrite_original", "-Orientation=" + orientation, "-n", "photo.jpg");

        BufferedImage image = TestImages.read(make(photo, "image/jpeg", 160).bytes());

        assertEquals(width + "×" + height, image.getWidth() + "×" + image.getHeight());
        assertCorners(image, corners);
    }

    @Test
    void aPortraitPhotoTurnedByExifIsNeverEnlargedInItsDisplayedWidth() throws Exception {
        TestImages.assumeTool("exiftool", "-ver", "libimage-exiftool-perl");
        byte[] photo = TestImages.transform(directory, TestImages.write(TestImages.quadrants(1600, 1200), "jpeg"),
                "photo.jpg", "exiftool", "-q", "-overwrite_original", "-Orientation=6", "-n", "photo.jpg");

        BufferedImage image = TestImages.read(make(photo, "image/jpeg", 1280).bytes());

        assertEquals("1200×1600", image.getWidth() + "×" + image.getHeight());
        assertCorners(image, "BRYG");
    }

    @Test
    void readsACmykJpeg() throws Exception {
        TestImages.assumeTool("convert", "-version", "imagemagick");
        byte[] cmyk = TestImages.convert(directory, TestImages.quadrants(400, 200), "out.jpg", "-colorspace", "CMYK",
                "-quality", "95");
        assertTrue(new String(cmyk, StandardCharsets.ISO_8859_1).contains("Adobe"), "an Adobe (CMYK) JPEG");

        BufferedImage image = TestImages.read(make(cmyk, "image/jpeg", 160).bytes());

        assertEquals("160×80", image.getWidth() + "×" + image.getHeight());
        assertCorners(image, "RGBY", 70);
    }

    @Test
    void readsAProgressiveJpeg() throws IOException {
        byte[] progressive = TestImages.progressiveJpeg(TestImages.quadrants(800, 400));
        assertTrue(indexOf(progressive, new byte[] {(byte) 0xFF, (byte) 0xC2}) > 0, "a progressive (SOF2) JPEG");

        BufferedImage image = TestImages.read(make(progressive, "image/jpeg", 320).bytes());

        assertEquals("320×160", image.getWidth() + "×" + image.getHeight());
        assertCorners(image, "RGBY");
    }

    @Test
    void convertsAnEmbeddedColourProfileToSrgb() throws Exception {
        TestImages.assumeTool("convert", "-version", "imagemagick");
        // convert assigns the profile to the numbers as they are: the file holds 200, 100, 50 in
        // linear RGB, which is another colour in sRGB.
        Files.write(directory.resolve("linear.icc"), ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
        byte[] linear = TestImages.convert(directory, TestImages.solid(64, 64, new Color(200, 100, 50)), "out.jpg",
                "-profile", "linear.icc", "-quality", "95");
        float[] srgb = ColorSpace.getInstance(ColorSpace.CS_LINEAR_RGB).toRGB(new float[] {200 / 255f, 100 / 255f,
                50 / 255f});
        Color expected = new Color(srgb[0], srgb[1], srgb[2]);
        assertTrue(distance(expected, new Color(200, 100, 50)) > 30, "the profile matters: " + expected);

        Thumbnail thumbnail = make(linear, "image/jpeg", 160);

        BufferedImage image = TestImages.read(thumbnail.bytes());
        assertEquals(-1, indexOf(thumbnail.bytes(), "ICC_PROFILE".getBytes(StandardCharsets.ISO_8859_1)),
                "the thumbnail is plain sRGB, without a profile");
        assertClose(expected, new Color(image.getRGB(32, 32)), 8);
    }

    @Test
    void keepsPngTransparency() throws IOException {
        Thumbnail thumbnail = make(TestImages.write(TestImages.halfTransparent(400, 200), "png"), "image/png", 160);

        BufferedImage image = TestImages.read(thumbnail.bytes());
        assertEquals("image/png", thumbnail.type());
        assertEquals("160×80", image.getWidth() + "×" + image.getHeight());
        assertEquals(0, image.getRGB(20, 40) >>> 24, "transparent stays transparent");
        assertEquals(255, image.getRGB(140, 40) >>> 24, "opaque stays opaque");
        assertClose(RED, new Color(image.getRGB(140, 40)), 10);
    }

    @Test
    void keepsGifTransparencyAsPng() throws IOException {
        Thumbnail thumbnail = make(TestImages.transparentGif(400, 200), "image/gif", 160);

        BufferedImage image = TestImages.read(thumbnail.bytes());
        assertEquals("image/png", thumbnail.type());
        assertEquals(0, image.getRGB(20, 40) >>> 24);
        assertEquals(255, image.getRGB(140, 40) >>> 24);
    }

    @Test
    void anAnimatedGifGivesItsFirstFrame() throws IOException {
        byte[] gif = TestImages.animatedGif(300, 150, GREEN, BLUE, RED);

        BufferedImage image = TestImages.read(make(gif, "image/gif", 160).bytes());

        assertEquals("160×80", image.getWidth() + "×" + image.getHeight());
        assertClose(GREEN, new Color(image.getRGB(80, 40)), 10);
    }

    @ParameterizedTest(name = "WebP with alpha {0}")
    @ValueSource(booleans = {true, false})
    void readsWebpKeepingTransparency(boolean alpha) throws Exception {
        TestImages.assumeTool("convert", "-version", "imagemagick");
        BufferedImage source = alpha ? TestImages.halfTransparent(400, 200) : TestImages.quadrants(400, 200);
        byte[] webp = TestImages.convert(directory, source, "out.webp", "-define", "webp:lossless=true");

        Thumbnail thumbnail = make(webp, "image/webp", 160);

        BufferedImage image = TestImages.read(thumbnail.bytes());
        assertEquals("160×80", image.getWidth() + "×" + image.getHeight());
        assertEquals(alpha ? "image/png" : "image/jpeg", thumbnail.type());
        if (alpha) {
            assertEquals(0, image.getRGB(20, 40) >>> 24);
        } else {
            assertCorners(image, "RGBY");
        }
    }

    @Test
    void theSameSourceGivesTheSameBytes() throws IOException {
        byte[] photo = TestImages.write(TestImages.gradient(1500, 1000), "jpeg");

        assertArrayEquals(make(photo, "image/jpeg", 640).bytes(), make(photo, "image/jpeg", 640).bytes());
    }

    @Test
    void oneDecodeMakesEveryWidth() throws IOException {
        byte[] photo = TestImages.write(TestImages.quadrants(1000, 500), "jpeg");
        ThumbnailGenerator generator = generatorOf(photo);

        Map<Integer, Thumbnail> thumbnails = generator.generate(media(photo, "image/jpeg"), ThumbnailSize.WIDTHS);

        assertEquals(1, generator.decodes());
        assertEquals(ThumbnailSize.WIDTHS, List.copyOf(thumbnails.keySet()));
        for (Map.Entry<Integer, Thumbnail> thumbnail : thumbnails.entrySet()) {
            BufferedImage image = TestImages.read(thumbnail.getValue().bytes());
            int width = Math.min(thumbnail.getKey(), 1000);
            assertEquals(width + "×" + width / 2, image.getWidth() + "×" + image.getHeight());
            assertCorners(image, "RGBY");
        }
        generator.generate(media(photo, "image/jpeg"), List.of(160));
        assertEquals(2, generator.decodes(), "each call decodes once");
    }

    /** The thumbnail at {@code width}, made as the server makes it: with every other width. */
    static Thumbnail make(byte[] file, String type, int width) throws IOException {
        return generatorOf(file).generate(media(file, type), ThumbnailSize.WIDTHS).get(width);
    }

    private static ThumbnailGenerator generatorOf(byte[] file) {
        return new ThumbnailGenerator(media -> new ChunkImageInputStream(
                seq -> Arrays.copyOfRange(file, seq * CHUNK, Math.min(file.length, (seq + 1) * CHUNK)),
                file.length, CHUNK));
    }

    private static Media media(byte[] file, String type) {
        String digest = HexFormat.of().formatHex(new byte[32]);
        return new Media(1, "source", type, file.length, digest, Instant.EPOCH, 1, 1);
    }

    /** Corners top left, top right, bottom left, bottom right as R, G, B, Y, sampled inside each quadrant. */
    private static void assertCorners(BufferedImage image, String corners) {
        assertCorners(image, corners, 40);
    }

    private static void assertCorners(BufferedImage image, String corners, int tolerance) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[][] points = {{w / 4, h / 4}, {3 * w / 4, h / 4}, {w / 4, 3 * h / 4}, {3 * w / 4, 3 * h / 4}};
        for (int i = 0; i < 4; i++) {
            Color actual = new Color(image.getRGB(points[i][0], points[i][1]));
            Color expected = COLOURS.get(corners.charAt(i));
            assertTrue(distance(expected, actual) <= tolerance, "corner " + i + " should be " + corners.charAt(i)
                    + " " + expected + " but is " + actual + " (corners expected " + corners + ")");
        }
    }

    private static void assertClose(Color expected, Color actual, int tolerance) {
        assertTrue(distance(expected, actual) <= tolerance, "expected about " + expected + ", got " + actual);
    }

    private static int distance(Color a, Color b) {
        return Math.max(Math.abs(a.getRed() - b.getRed()),
                Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
