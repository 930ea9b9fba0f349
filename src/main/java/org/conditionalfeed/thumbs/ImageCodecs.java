package org.conditionalfeed.thumbs;

import com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi;
import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.spi.ImageWriterSpi;
import javax.imageio.spi.ServiceRegistry;

/**
 * The image readers and writers thumbnails use, chosen explicitly rather than by whatever the
 * JVM-wide ImageIO registry holds: TwelveMonkeys for JPEG (CMYK, YCCK, progressive, colour
 * profiles; it delegates to the JDK's decoder) and WebP, the JDK's for PNG and GIF, and the
 * JDK's writers for JPEG and PNG, so the bytes made do not depend on which plugins happen to be
 * on the class path. The TwelveMonkeys providers live in a registry of this class's own, so
 * nothing is registered JVM-wide (a WAR leaves nothing behind when it is undeployed).
 *
 * <p>Thread-safe: every call creates a new reader or writer, which the caller disposes of.
 */
final class ImageCodecs {

    private static final String JDK = "com.sun.imageio.plugins.";

    private final ImageReaderSpi jpegReader = new JPEGImageReaderSpi();
    private final ImageReaderSpi webpReader = new WebPImageReaderSpi();
    private final Map<String, ImageReaderSpi> readers;
    private final Map<String, ImageWriterSpi> writers;

    ImageCodecs() {
        ServiceRegistry own = new ServiceRegistry(List.<Class<?>>of(ImageReaderSpi.class).iterator());
        own.registerServiceProvider(jdk(ImageReaderSpi.class, "jpeg.JPEGImageReaderSpi"), ImageReaderSpi.class);
        // Finds its delegate, the JDK's JPEG decoder, in the registry it is registered with.
        own.registerServiceProvider(jpegReader, ImageReaderSpi.class);
        this.readers = Map.of("image/jpeg", jpegReader, "image/webp", webpReader,
                "image/png", jdk(ImageReaderSpi.class, "png.PNGImageReaderSpi"),
                "image/gif", jdk(ImageReaderSpi.class, "gif.GIFImageReaderSpi"));
        this.writers = Map.of("image/jpeg", jdk(ImageWriterSpi.class, "jpeg.JPEGImageWriterSpi"),
                "image/png", jdk(ImageWriterSpi.class, "png.PNGImageWriterSpi"));
    }

    /** A new reader for a source of this media type. */
    ImageReader reader(String type) throws IOException {
        ImageReaderSpi spi = readers.get(type);
        if (spi == null) {
            throw new IllegalArgumentException("no thumbnails are made of " + type);
        }
        return spi.createReaderInstance();
    }

    /** A new writer for {@code image/jpeg} or {@code image/png}. */
    ImageWriter writer(String type) throws IOException {
        return writers.get(type).createWriterInstance();
    }

    /**
     * Deregisters the ImageIO plugins that this application's class loader put into the
     * JVM-wide registry (the registry loads every plugin on the class path of the thread that
     * first uses ImageIO, a web application's too), so an undeployed WAR leaves none of its
     * classes behind. Nothing to do when the application runs on the system class loader.
     */
    static void releasePluginsOf(ClassLoader loader) {
        if (loader == ClassLoader.getSystemClassLoader()) {
            return;
        }
        IIORegistry registry = IIORegistry.getDefaultInstance();
        List<Object> ours = new ArrayList<>();
        registry.getCategories().forEachRemaining(category -> registry.getServiceProviders(category,
                provider -> provider.getClass().getClassLoader() == loader, false).forEachRemaining(ours::add));
        ours.forEach(registry::deregisterServiceProvider);
    }

    private static <T> T jdk(Class<T> category, String name) {
        Iterator<T> providers = IIORegistry.getDefaultInstance().getServiceProviders(category,
                provider -> provider.getClass().getName().equals(JDK + name), false);
        if (!providers.hasNext()) {
            throw new IllegalStateException("the JDK's ImageIO provider " + JDK + name + " is missing");
        }
        return providers.next();
    }
}
