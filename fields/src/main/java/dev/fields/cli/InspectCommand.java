package dev.fields.cli;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.SpecJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fields inspect FILE}: prints a blob's spec, provenance and parameter count. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the spec, provenance and parameter count of a weight blob (.field).")
public final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Weight blob written by a fit command.")
    Path file;

    @Option(names = "--json", description = "Print the spec as JSON instead of a summary.")
    boolean json;

    @Override public Integer call() throws Exception {
        FieldBlob blob = BlobFormat.readAny(file);
        FieldSpec s = blob.spec();
        if (json) {
            System.out.println(SpecJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(s));
            return 0;
        }
        Provenance p = blob.provenance();
        System.out.printf(Locale.ROOT, "%s (%s, format version %d)%n", file, blob.kind(), BlobFormat.versionFor(s));
        System.out.printf(Locale.ROOT, "  input      %d-D, frame %s%n", s.inputDim(), s.frame());
        System.out.printf(Locale.ROOT, "  encoding   %s -> %d features%n", s.encoding(), s.encodedDim());
        var n = s.network();
        System.out.printf(Locale.ROOT, "  network    %s %s, widths %s, trained as %s%s%n", n.type(), n.activation(),
                Arrays.toString(s.layerWidths()), n.parameterization(),
                n.activation() == dev.fields.io.spec.Activation.SINE ? String.format(Locale.ROOT, " (omega0 %.1f, weight scale %.2f)", n.omega0(), n.weightScale()) : "");
        System.out.printf(Locale.ROOT, "  outputs    %s%n", s.outputs());
        if (s.viewDependence().viewDependent())
            System.out.printf(Locale.ROOT, "  view       %s: RGB holds %d spherical-harmonics coefficients per channel (R, then G, then B); colour sigmoid(sum c_k Y_k(ray direction))%n",
                    s.viewDependence(), s.viewDependence().coefficients());
        System.out.printf(Locale.ROOT, "  lipschitz  %s%n", s.lipschitz() > 0 ? String.format(Locale.ROOT, "%.4g", s.lipschitz()) : "unknown");
        System.out.printf(Locale.ROOT, "  parameters %,d exported (%,d tensors)%n", s.parameterCount(), blob.tensors().size());
        System.out.printf(Locale.ROOT, "  provenance task %s, seed %d, %d steps, fields %s, %s%n", p.task(), p.seed(), p.steps(), p.toolVersion(), p.created());
        if (!p.metrics().isEmpty()) System.out.printf(Locale.ROOT, "  metrics    %s%n", p.metrics());
        return 0;
    }
}
