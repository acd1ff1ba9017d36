package dev.fields.cli;

import picocli.CommandLine;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@code N} (a square) or {@code WxH} into a {@link Size} of 1..{@value #MAX} pixels per side. */
public final class SizeConverter implements CommandLine.ITypeConverter<Size> {
    public static final int MAX = 8192;
    private static final Pattern FORM = Pattern.compile("(\\d{1,6})(?:x(\\d{1,6}))?");

    @Override public Size convert(String value) {
        Matcher m = FORM.matcher(value.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) throw bad(value);
        int w = Integer.parseInt(m.group(1)), h = m.group(2) != null ? Integer.parseInt(m.group(2)) : w;
        if (w < 1 || h < 1 || w > MAX || h > MAX) throw bad(value);
        return new Size(w, h);
    }

    private static CommandLine.TypeConversionException bad(String value) {
        return new CommandLine.TypeConversionException("expected N or WxH with 1.." + MAX + " pixels per side (e.g. 512 or 640x480), got '" + value + "'");
    }
}
