package org.conditionalfeed.thumbs;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import net.coobird.thumbnailator.util.exif.Orientation;
import org.conditionalfeed.media.Media;

/**
 * The EXIF orientation of a source image (JPEG, PNG or WebP), read with metadata-extractor: the
 * way a camera says how it was held, which browsers apply and so thumbnails must too. For a JPEG
 * only the EXIF segments before the image data are read. A missing, unreadable or out-of-range
 * tag means the image is shown as stored.
 *
 * <p>Stateless and thread-safe.
 */
final class ExifOrientation {

    private ExifOrientation() {
    }

    static Orientation read(Media media, ThumbnailGenerator.Sources sources) throws IOException {
        if (media.type().equals("image/gif")) {
            return Orientation.TOP_LEFT;
        }
        try (ChunkImageInputStream source = sources.open(media);
                InputStream in = new BufferedInputStream(source.asInputStream())) {
            Metadata metadata = media.type().equals("image/jpeg")
                    ? JpegMetadataReader.readMetadata(in, List.of(new ExifReader()))
                    : ImageMetadataReader.readMetadata(in);
            return orientationOf(metadata);
        } catch (ImageProcessingException | MetadataException e) {
            return Orientation.TOP_LEFT;
        }
    }

    /** Whether an orientation turns the image by a quarter, swapping its width and height. */
    static boolean turnsByQuarter(Orientation orientation) {
        return switch (orientation) {
            case LEFT_TOP, RIGHT_TOP, RIGHT_BOTTOM, LEFT_BOTTOM -> true;
            default -> false;
        };
    }

    private static Orientation orientationOf(Metadata metadata) throws MetadataException {
        for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            if (directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                Orientation orientation = Orientation.typeOf(directory.getInt(ExifIFD0Directory.TAG_ORIENTATION));
                return orientation == null ? Orientation.TOP_LEFT : orientation;
            }
        }
        return Orientation.TOP_LEFT;
    }
}
