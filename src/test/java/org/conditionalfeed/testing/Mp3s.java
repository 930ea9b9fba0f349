package org.conditionalfeed.testing;

/** MP3 files made in memory for upload tests. */
public final class Mp3s {

    private Mp3s() {
    }

    /** {@code frames} MPEG-1 Layer III frames of silence, 128 kbit/s at 44.1 kHz (417 bytes each). */
    public static byte[] silence(int frames) {
        byte[] bytes = new byte[417 * frames];
        for (int i = 0; i < frames; i++) {
            bytes[i * 417] = (byte) 0xFF;
            bytes[i * 417 + 1] = (byte) 0xFB;
            bytes[i * 417 + 2] = (byte) 0x90;
            bytes[i * 417 + 3] = (byte) 0x64;
        }
        return bytes;
    }
}
