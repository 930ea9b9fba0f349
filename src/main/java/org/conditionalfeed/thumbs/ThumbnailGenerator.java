package org.conditionalfeed.thumbs;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.IIOImage;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.filters.ImageFilter;
import net.coobird.thumbnailator.resizers.configurations.ScalingMode;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.conditionalfeed.media.Media;

/**
 * Makes a source image's thumbnails from its stored bytes with one decode: decodes the first
 * frame with source subsampling ({@link ThumbnailSize#subsampling}), so memory stays within a
 * few megapixels whatever the source's size; converts a colour profile other than sRGB to sRGB;
 * scales with Thumbnailator's progressive bilinear resizing, each width from the next wider;
 * applies the EXIF orientation ({@link ExifOrientation}); and encodes a JPEG (quality
 * {@value #JPEG_QUALITY}) for a JPEG or an opaque WebP, a PNG for a PNG, a GIF or a WebP with
 * transparency, so transparency and sharp edges survive.
 *
 * <p>{@link #decodes()} counts the sources decoded since start, for tests and operators.
 *
 * <p>Thread-safe; each call uses its own reader and writer.
 */
final class ThumbnailGenerator {

    /**
     * The version of what this class makes. Part of every thumbnail's entity tag and database key:
     * change it whenever a change here changes the bytes made.
     */
    static final int VERSION = 1;

    static final float JPEG_QUALITY = 0.82f;

    /** Reads a medium's stored bytes from the start. */
    @FunctionalInterface
    interface Sources {

        ChunkImageInputStream open(Media media);
    }

    private final Sources sources;
    private final ImageCodecs codecs = new ImageCodecs();
    private final AtomicLong decodes = new AtomicLong();

    ThumbnailGenerator(Sources sources) {
        this.sources = sources;
    }

    /** How many sources this generator has decoded. */
    long decodes() {
        return decodes.get();
    }

    /**
     * Makes the thumbnails of {@code media} at {@code widths}, all from one decode: the source is
     * decoded for the widest, and each narrower one is scaled from the next wider.
     *
     * @param widths distinct widths from {@link ThumbnailSize#WIDTHS}
     * @return the thumbnails by width
     * @throws IOException when the source cannot be decoded
     * @throws SourceGone when the source was deleted meanwhile
     */
    Map<Integer, Thumbnail> generate(Media media, List<Integer> widths) throws IOException {
        List<Integer> widestFirst = widths.stream().sorted(Comparator.reverseOrder()).toList();
        Orientation orientation = ExifOrientation.read(media, sources);
        boolean turned = ExifOrientation.turnsByQuarter(orientation);
        Map<Integer, ThumbnailSize> sizes = new LinkedHashMap<>();
        BufferedImage decoded;
        ImageReader reader = codecs.reader(media.type());
        try (ChunkImageInputStream in = sources.open(media)) {
            reader.setInput(in, true, !media.type().equals("image/jpeg"));
            int sourceWidth = reader.getWidth(0);
            int sourceHeight = reader.getHeight(0);
            for (int width : widestFirst) {
                ThumbnailSize displayed = turned ? ThumbnailSize.of(sourceHeight, sourceWidth, width)
                        : ThumbnailSize.of(sourceWidth, sourceHeight, width);
                sizes.put(width, turned ? displayed.transposed() : displayed);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = sizes.get(widestFirst.get(0)).subsampling(sourceWidth, sourceHeight);
            param.setSourceSubsampling(step, step, 0, 0);
            decodes.incrementAndGet();
            decoded = reader.read(0, param);
        } catch (RuntimeException e) {
            if (e instanceof SourceGone) {
                throw e;
            }
            // Decoders signal some malformed input with unchecked exceptions.
            throw new IOException("cannot decode " + media.type() + ": " + e, e);
        } finally {
            reader.dispose();
        }
        boolean alpha = decoded.getColorModel().hasAlpha();
        String type = media.type().equals("image/jpeg") || (media.type().equals("image/webp") && !alpha)
                ? "image/jpeg" : "image/png";
        int imageType = alpha && type.equals("image/png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        ImageFilter upright = ExifFilterUtils.getFilterForOrientation(orientation);
        Map<Integer, Thumbnail> thumbnails = new TreeMap<>();
        BufferedImage wider = toSrgb(decoded, alpha);
        for (Map.Entry<Integer, ThumbnailSize> size : sizes.entrySet()) {
            BufferedImage scaled = Thumbnails.of(wider)
                    .size(size.getValue().width(), size.getValue().height())
                    .keepAspectRatio(false)
                    .scalingMode(ScalingMode.PROGRESSIVE_BILINEAR)
                    .imageType(imageType)
                    .asBufferedImage();
            // Turned here, not as a Thumbnailator filter: with an exact size, its filters do not
            // turn the image by a quarter.
            thumbnails.put(size.getKey(), new Thumbnail(type, encode(upright.apply(scaled), type)));
            wider = scaled;
        }
        return thumbnails;
    }

    /**
     * The image in sRGB: an image decoded with another ICC profile (TwelveMonkeys keeps, for
     * instance, Adobe RGB as it is) is converted; sRGB and grey images are returned as they are.
     */
    private static BufferedImage toSrgb(BufferedImage image, boolean alpha) {
        ColorSpace space = image.getColorModel().getColorSpace();
        if (space.isCS_sRGB() || space.getType() == ColorSpace.TYPE_GRAY) {
            return image;
        }
        BufferedImage srgb = new BufferedImage(image.getWidth(), image.getHeight(),
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        new ColorConvertOp(null).filter(image, srgb);
        return srgb;
    }

    private byte[] encode(BufferedImage image, String type) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = codecs.writer(type);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type.equals("image/jpeg")) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
