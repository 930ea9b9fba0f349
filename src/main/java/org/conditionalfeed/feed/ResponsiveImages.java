package org.conditionalfeed.feed;

import java.util.Optional;
import java.util.OptionalInt;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Gives the images of an entry's sanitized content that come from the media library their
 * thumbnails ({@code srcset}, {@code sizes}) and their size ({@code width}, {@code height}), so a
 * reader's browser loads no more pixels than it shows and the page does not jump while they
 * load ({@link Srcset}). Runs after {@link ContentSanitizer}: the attributes it adds are its own,
 * never the content's. Content without a library image is returned unchanged.
 *
 * <p>Thread-safe if the {@link LibraryImages} is.
 */
final class ResponsiveImages {

    private final LibraryImages library;

    ResponsiveImages(LibraryImages library) {
        this.library = library;
    }

    /**
     * @param sanitized content from {@link ContentSanitizer}, its URLs absolute
     * @param baseUrl the blog's public base URL, without a trailing slash
     */
    String addThumbnails(String sanitized, String baseUrl) {
        if (!sanitized.contains(baseUrl + "/media/")) {
            return sanitized;
        }
        Document document = Jsoup.parseBodyFragment(sanitized, baseUrl + "/");
        document.outputSettings().prettyPrint(false);
        boolean changed = false;
        for (Element img : document.select("img[src]")) {
            String src = img.attr("src");
            Optional<LibraryImages.Image> image = library.find(src);
            if (image.isPresent()) {
                Srcset attributes = Srcset.of(src, image.get(), dimension(img, "width"), dimension(img, "height"));
                img.attr("width", Integer.toString(attributes.width()));
                img.attr("height", Integer.toString(attributes.height()));
                if (attributes.srcset() != null) {
                    img.attr("srcset", attributes.srcset());
                    img.attr("sizes", attributes.sizes());
                }
                changed = true;
            }
        }
        return changed ? document.body().html() : sanitized;
    }

    /** A positive whole-number {@code width} or {@code height} attribute. */
    private static OptionalInt dimension(Element img, String name) {
        String value = img.attr(name).strip();
        return value.matches("[1-9][0-9]{0,4}") ? OptionalInt.of(Integer.parseInt(value)) : OptionalInt.empty();
    }
}
