package org.conditionalfeed.config;

/**
 * The characters XML 1.0 can carry ({@code Char} production of XML 1.0 section 2.2). Shared by
 * settings validation and entry validation so that nothing reaches the feed that would make it
 * ill-formed.
 */
public final class XmlChars {

    private XmlChars() {
    }

    /** The index of the first character XML 1.0 cannot carry, or -1 when all can be carried. */
    public static int firstInvalid(String text) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean loneSurrogate = Character.isSurrogate(text.charAt(i)) && Character.charCount(codePoint) == 1;
            if (loneSurrogate || !isXmlChar(codePoint)) {
                return i;
            }
            i += Character.charCount(codePoint);
        }
        return -1;
    }

    private static boolean isXmlChar(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }
}
