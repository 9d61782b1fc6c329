package org.clusterdeck.topology;

/** Parses the theme's "#RRGGBB" / "#RRGGBBAA" colours for the painters. */
public final class Colors {
    private Colors() {
    }

    /** The colour as 0xAARRGGBB. */
    public static int argb(String hex) {
        if (hex == null || !hex.startsWith("#") || (hex.length() != 7 && hex.length() != 9)) {
            throw new IllegalArgumentException("Not a colour of the form #RRGGBB or #RRGGBBAA: " + hex);
        }
        int rgb = Integer.parseUnsignedInt(hex.substring(1, 7), 16);
        int alpha = hex.length() == 9 ? Integer.parseUnsignedInt(hex.substring(7, 9), 16) : 0xFF;
        return alpha << 24 | rgb;
    }

    /** "#RRGGBB" without the alpha part. */
    public static String rgb(String hex) {
        return hex.substring(0, 7);
    }

    /** Opacity 0..1 of the colour. */
    public static double opacity(String hex) {
        return ((argb(hex) >>> 24) & 0xFF) / 255.0;
    }
}
