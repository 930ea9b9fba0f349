package org.conditionalfeed.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Image dimensions from headers alone, and the pixel limit against decompression bombs. */
class ImageDimensionsTest {

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // RIFF size WEBP, VP8X chunk: flags, reserved, canvas width-1 and height-1 as 24-bit little endian
        "VP8X | 52494646 00000000 57454250 56503858 0a000000 10000000 3f0100 ef0000 0000 | 320 | 240",
        // VP8L: signature 0x2f, then 14 bits width-1 and 14 bits height-1
        "VP8L | 52494646 00000000 57454250 5650384c 00000000 2f 3f c1 3b 00 000000000000 | 320 | 240",
        // VP8 (lossy): frame tag, start code 9d 01 2a, 14-bit width and height
        "VP8  | 52494646 00000000 57454250 56503820 00000000 000000 9d012a 4001 f000 0000 | 320 | 240",
    })
    void readsWebpCanvasSize(String chunk, String header, int width, int height) throws UploadRefused {
        byte[] bytes = hex(header);
        assertEquals(new ImageDimensions(width, height), ImageDimensions.read("image/webp", bytes, bytes.length));
    }

    @Test
    void readsPngAndJpegWithImageIo() throws UploadRefused {
        byte[] png = MediaFixtures.image("png", 7, 5);
        assertEquals(new ImageDimensions(7, 5), ImageDimensions.read("image/png", png, png.length));
        byte[] jpeg = MediaFixtures.image("jpeg", 9, 4);
        assertEquals(new ImageDimensions(9, 4), ImageDimensions.read("image/jpeg", jpeg, jpeg.length));
    }

    @Test
    void refusesMoreThanFiftyMegapixels() {
        // A PNG header claiming 10000 × 5001 pixels: nothing is decoded, the header alone decides.
        byte[] png = hex("89504e470d0a1a0a 0000000d 49484452 00002710 00001389 0802000000 00000000");
        UploadRefused refused = assertThrows(UploadRefused.class, () -> ImageDimensions.read("image/png", png, png.length));
        assertEquals(413, refused.reason().status(), refused.getMessage());
    }

    @Test
    void refusesAnUnreadableHeader() {
        byte[] truncated = hex("89504e470d0a1a0a0000");
        UploadRefused refused = assertThrows(UploadRefused.class,
                () -> ImageDimensions.read("image/png", truncated, truncated.length));
        assertEquals(415, refused.reason().status(), refused.getMessage());
    }
}
