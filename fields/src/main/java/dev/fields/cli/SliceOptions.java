package dev.fields.cli;

import dev.fields.io.UserError;
import dev.fields.io.spec.FieldKind;
import dev.fields.shaders.ColourMap;
import dev.fields.shaders.SliceDisplay;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --window}, {@code --level} and {@code --colour-map}: how {@code render} and {@code view} colour a CT slice. */
final class SliceOptions {
    @Option(names = "--window", paramLabel = "W", order = 100,
            description = {"CT slices: the width of the value range spread over the colour map (> 0); values below the window are the map's first colour, above it its last.",
                    "Default: the value range fit-ct recorded in the blob (its 0.5th to 99.5th percentile), else [0, 1] for a sigmoid head, else the drawn values' 0.5th to 99.5th percentile."})
    Double window;

    @Option(names = "--level", paramLabel = "L", order = 101,
            description = "CT slices: the value at the middle of the colour map (the window spans L ± W/2). Default: the middle of the default range.")
    Double level;

    @Option(names = {"--colour-map", "--colormap"}, paramLabel = "MAP", order = 102, converter = Converter.class,
            description = "CT slices: grey (default), heat or viridis (perceptually uniform).")
    ColourMap colourMap;

    /** What was asked, checked against the kind of field in {@code file}; a one-line error if it does not apply. */
    SliceDisplay.Request request(Path file, FieldKind kind) {
        if (window == null && level == null && colourMap == null) return SliceDisplay.Request.DEFAULTS;
        if (kind != FieldKind.ATTENUATION_SLICE)
            throw new UserError("--window, --level and --colour-map apply to CT slices (" + FieldKind.ATTENUATION_SLICE + " fields, as fit-ct writes); "
                    + file + " is a " + kind + " field: drop them");
        if (window != null && !(window > 0 && Double.isFinite(window)))
            throw new UserError("--window must be a positive number (the width of the value range shown), got " + window);
        if (level != null && !Double.isFinite(level)) throw new UserError("--level must be a finite number, got " + level);
        return new SliceDisplay.Request(colourMap, window, level);
    }

    /** Colour map names, in any case ("gray" too). */
    static final class Converter implements CommandLine.ITypeConverter<ColourMap> {
        @Override public ColourMap convert(String value) {
            try {
                return ColourMap.parse(value);
            } catch (UserError e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
