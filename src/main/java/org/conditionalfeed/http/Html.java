package org.conditionalfeed.http;

/** Escaping for HTML text and quoted attribute values. Stateless and thread-safe. */
public final class Html {

    private Html() {
    }

    /** {@code text} with {@code & < > " '} replaced by character references; {@code null} gives "". */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
