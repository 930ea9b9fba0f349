package org.conditionalfeed.thumbs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import com.twelvemonkeys.imageio.spi.ImageReaderSpiBase;
import com.twelvemonkeys.lang.Validate;
import java.net.URL;
import java.net.URLClassLoader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.junit.jupiter.api.Test;

class ImageCodecsTest {

    @Test
    void releasesOnlyThePluginsOfTheGivenClassLoader() throws Exception {
        URL[] jars = {location(WebPImageReaderSpi.class), location(ImageReaderSpiBase.class), location(Validate.class)};
        IIORegistry registry = IIORegistry.getDefaultInstance();
        try (URLClassLoader webapp = new URLClassLoader(jars, ClassLoader.getPlatformClassLoader())) {
            Object plugin = Class.forName(WebPImageReaderSpi.class.getName(), true, webapp).getConstructor()
                    .newInstance();
            registry.registerServiceProvider(plugin);
            assertTrue(registered(registry, webapp), "registered from the web application's loader");

            ImageCodecs.releasePluginsOf(webapp);

            assertFalse(registered(registry, webapp), "released");
            ImageCodecs.releasePluginsOf(ClassLoader.getSystemClassLoader());
            assertTrue(registry.getServiceProviders(ImageReaderSpi.class, false).hasNext(),
                    "the JVM's own plugins stay");
        }
    }

    private static boolean registered(IIORegistry registry, ClassLoader loader) {
        return registry.getServiceProviders(ImageReaderSpi.class,
                provider -> provider.getClass().getClassLoader() == loader, false).hasNext();
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
