package dev.fields.cli;

import dev.fields.io.spec.ViewDependence;
import picocli.CommandLine;

/** Parses {@code none} or {@code sh:DEG} (DEG 1..3) for {@code --view-dependence}; anything else is one line (exit 2). */
public final class ViewDependenceConverter implements CommandLine.ITypeConverter<ViewDependence> {
    @Override public ViewDependence convert(String value) {
        try {
            return ViewDependence.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage() + " — e.g. --view-dependence sh:2");
        }
    }
}
