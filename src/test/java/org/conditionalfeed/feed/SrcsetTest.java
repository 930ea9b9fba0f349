package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The responsive-image attributes of a library image. Thumbnails are written {@code t<width>}
 * (their pixel width as the thumbnails package makes them), the image itself {@code src}.
 */
class SrcsetTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # case                                | image     | thumbnail widths   | given w | given h | srcset                                              | sizes                                                 | width | height
            large photo: the four thumbnails only | 4000x3000 | 160,320,640,1280   | -       | -       | t160 160w, t320 320w, t640 640w, t1280 1280w        | (max-width: 704px) calc(100vw - 2rem), 672px          | 4000  | 3000
            exactly 1280 wide: itself at 1280w    | 1280x720  | 160,320,640,1280   | -       | -       | t160 160w, t320 320w, t640 640w, src 1280w          | (max-width: 704px) calc(100vw - 2rem), 672px          | 1280  | 720
            500 wide: narrower thumbnails, itself | 500x400   | 160,320,500        | -       | -       | t160 160w, t320 320w, src 500w                      | (max-width: 532px) calc(100vw - 2rem), 500px          | 500   | 400
            160 wide: nothing to choose           | 160x100   | 160                | -       | -       | -                                                   | -                                                     | 160   | 100
            1x1: nothing to choose                | 1x1       | 1                  | -       | -       | -                                                   | -                                                     | 1     | 1
            tall: thumbnails narrower than asked  | 1000x20000| 160,320,457        | -       | -       | t160 160w, t320 320w, t457 457w, src 1000w          | (max-width: 704px) calc(100vw - 2rem), 672px          | 1000  | 20000
            content gives a width: height follows | 4000x3000 | 160,320,640,1280   | 300     | -       | t160 160w, t320 320w, t640 640w, t1280 1280w        | (max-width: 332px) calc(100vw - 2rem), 300px          | 300   | 225
            content gives a height: width follows | 4000x3000 | 160,320,640,1280   | -       | 150     | t160 160w, t320 320w, t640 640w, t1280 1280w        | (max-width: 232px) calc(100vw - 2rem), 200px          | 200   | 150
            content gives both: kept              | 4000x3000 | 160,320,640,1280   | 400     | 100     | t160 160w, t320 320w, t640 640w, t1280 1280w        | (max-width: 432px) calc(100vw - 2rem), 400px          | 400   | 100
            """)
    void attributesOfALibraryImage(String name, String size, String thumbnailWidths, Integer givenWidth,
            Integer givenHeight, String srcset, String sizes, int width, int height) {
        String[] dimensions = size.split("x");
        SortedMap<Integer, String> thumbnails = new TreeMap<>();
        Arrays.stream(thumbnailWidths.split(",")).map(Integer::parseInt).forEach(w -> thumbnails.put(w, "t" + w));
        LibraryImages.Image image = new LibraryImages.Image(Integer.parseInt(dimensions[0]),
                Integer.parseInt(dimensions[1]), thumbnails);

        Srcset attributes = Srcset.of("src", image, optional(givenWidth), optional(givenHeight));

        assertEquals(new Srcset(srcset, sizes, width, height), attributes);
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
