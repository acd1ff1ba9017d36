package dev.fields.io.scene;

import dev.fields.io.UserError;

import java.util.Locale;

/** A background colour written as {@code white}, {@code black}, {@code grey}, {@code #rrggbb} or {@code R,G,B} (each in [0, 1]). */
public final class BackgroundColour {
    private BackgroundColour() {}

    public static float[] parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "white": return new float[]{1, 1, 1};
            case "black": return new float[]{0, 0, 0};
            case "grey", "gray": return new float[]{0.5f, 0.5f, 0.5f};
            default: break;
        }
        if (t.matches("#[0-9a-f]{6}")) {
            int v = Integer.parseInt(t.substring(1), 16);
            return new float[]{((v >> 16) & 255) / 255f, ((v >> 8) & 255) / 255f, (v & 255) / 255f};
        }
        String[] p = t.split(",");
        if (p.length == 3) {
            float[] c = new float[3];
            try {
                for (int i = 0; i < 3; i++) c[i] = Float.parseFloat(p[i].strip());
            } catch (NumberFormatException e) {
                throw bad(text);
            }
            for (float v : c) if (!(v >= 0 && v <= 1)) throw bad(text);
            return c;
        }
        throw bad(text);
    }

    private static UserError bad(String text) {
        return new UserError("background colour '" + text.replaceAll("\\p{Cntrl}", "?") + "' is not a colour — give white, black, grey, #rrggbb or R,G,B with each in [0, 1]");
    }
}
