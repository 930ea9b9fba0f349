package org.conditionalfeed.media;

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

/**
 * Whether an image's EXIF orientation (read with metadata-extractor) turns it by a quarter
 * (orientations 5 to 8), so that it is shown with its stored width and height swapped. For a
 * JPEG only the segments before the image data are read. A missing, unreadable or out-of-range
 * tag means the image is shown as stored.
 *
 * <p>Stateless and thread-safe.
 */
final class ImageOrientation {

    private ImageOrientation() {
    }

    /**
     * @param type the image's media type
     * @param image its bytes; closed here unless the image is a GIF, which has no EXIF
     */
    static boolean turnsByQuarter(String type, InputStream image) {
        if (type.equals("image/gif")) {
            return false;
        }
        try (InputStream in = new BufferedInputStream(image)) {
            Metadata metadata = type.equals("image/jpeg")
                    ? JpegMetadataReader.readMetadata(in, List.of(new ExifReader()))
                    : ImageMetadataReader.readMetadata(in);
            for (ExifIFD0Directory directory : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    int orientation = directory.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                    return orientation >= 5 && orientation <= 8;
                }
            }
            return false;
        } catch (ImageProcessingException | MetadataException | IOException unreadable) {
            return false;
        }
    }
}
