package org.conditionalfeed.http;

import java.util.List;
import java.util.Locale;

/**
 * Proactive negotiation of the {@code gzip} content coding from {@code Accept-Encoding}
 * (RFC 9110 section 12.5.3), honouring quality values: {@code gzip;q=0} refuses it, {@code *}
 * accepts it unless gzip is listed on its own.
 *
 * <p>Stateless and thread-safe.
 */
public final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** Whether the client accepts a gzip-coded response. */
    public static boolean acceptsGzip(List<String> lines) {
        Double gzip = null;
        Double wildcard = null;
        for (String line : lines) {
            for (String element : line.split(",")) {
                String[] parts = element.split(";");
                String coding = parts[0].strip().toLowerCase(Locale.ROOT);
                double quality = quality(parts);
                if (coding.equals("gzip") || coding.equals("x-gzip")) {
                    gzip = gzip == null ? quality : Math.max(gzip, quality);
                } else if (coding.equals("*")) {
                    wildcard = quality;
                }
            }
        }
        if (gzip != null) {
            return gzip > 0;
        }
        return wildcard != null && wildcard > 0;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.length() > 2 && (parameter.charAt(0) == 'q' || parameter.charAt(0) == 'Q')
                    && parameter.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(parameter.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException malformed) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
