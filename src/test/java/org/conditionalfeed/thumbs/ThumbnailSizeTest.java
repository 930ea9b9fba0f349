package org.conditionalfeed.thumbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThumbnailSizeTest {

    @ParameterizedTest(name = "{0}×{1} at {2} → {3}×{4}")
    @CsvSource({
            // a 12-megapixel landscape photo: every width, aspect 4:3
            "4000, 3000, 160, 160, 120",
            "4000, 3000, 320, 320, 240",
            "4000, 3000, 640, 640, 480",
            "4000, 3000, 1280, 1280, 960",
            // a portrait photo
            "3000, 4000, 160, 160, 213",
            "3000, 4000, 1280, 1280, 1707",
            // narrower than the width asked for: its own size, never enlarged
            "100, 50, 160, 100, 50",
            "100, 50, 1280, 100, 50",
            "1000, 800, 1280, 1000, 800",
            "1280, 720, 1280, 1280, 720",
            "1, 1, 160, 1, 1",
            "1, 1, 1280, 1, 1",
            // a thin strip keeps at least one row
            "10000, 3, 160, 160, 1",
            "5000, 1, 320, 320, 1",
            // a phone screenshot at 1280 fits the pixel cap
            "1080, 2400, 1280, 1080, 2400",
            // a very tall image is made narrower so the thumbnail stays within MAX_PIXELS
            "1000, 50000, 1280, 289, 14450",
            "2000, 20000, 640, 640, 6400",
            "2000, 20000, 1280, 647, 6470",
    })
    void sizeKeepsAspectAndNeverEnlarges(int sourceWidth, int sourceHeight, int width, int expectedWidth,
            int expectedHeight) {
        ThumbnailSize size = ThumbnailSize.of(sourceWidth, sourceHeight, width);

        assertEquals(new ThumbnailSize(expectedWidth, expectedHeight), size);
        assertTrue(size.width() <= Math.min(width, sourceWidth), "never wider than asked for nor than the source");
        assertTrue(size.height() <= sourceHeight, "never taller than the source");
        assertTrue((long) size.width() * size.height() <= ThumbnailSize.MAX_PIXELS, "within the pixel cap");
        double aspect = (double) sourceWidth / sourceHeight;
        double rounding = Math.max(1.0 / size.height(), 1.0 / size.width()) * aspect + 1e-9;
        if (size.height() > 1) {
            assertEquals(aspect, (double) size.width() / size.height(), rounding * 1.01, "aspect kept");
        }
    }

    @ParameterizedTest(name = "{0}×{1} into {2}×{3}: every {4}th pixel")
    @CsvSource({
            // 12 MP to 1280: twice the width would need step 1 (12 MP), over the budget: step 2
            "4000, 3000, 1280, 960, 2",
            "4000, 3000, 640, 480, 3",
            "4000, 3000, 320, 240, 6",
            "4000, 3000, 160, 120, 12",
            // 50 MP to 1280
            "10000, 5000, 1280, 640, 4",
            // no smaller than the thumbnail even when over the budget
            "1000, 50000, 289, 14450, 3",
            // small sources are decoded whole
            "100, 50, 100, 50, 1",
            "1, 1, 1, 1, 1",
            "2000, 1500, 1280, 960, 1",
    })
    void subsamplingStaysAboveTheThumbnailAndWithinTheBudget(int sourceWidth, int sourceHeight, int width,
            int height, int expectedStep) {
        ThumbnailSize size = new ThumbnailSize(width, height);
        int step = size.subsampling(sourceWidth, sourceHeight);

        assertEquals(expectedStep, step);
        assertTrue((sourceWidth + step - 1) / step >= width && (sourceHeight + step - 1) / step >= height,
                "the decoded image is at least the thumbnail's size");
    }

    @ParameterizedTest
    @CsvSource({"0, 10, 160", "10, 0, 160", "10, 10, 0"})
    void refusesEmptySizes(int sourceWidth, int sourceHeight, int width) {
        assertThrows(IllegalArgumentException.class, () -> ThumbnailSize.of(sourceWidth, sourceHeight, width));
    }
}
