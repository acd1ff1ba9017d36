package dev.fields.bench;

import dev.fields.eval.BlobField;
import dev.fields.geometry.GroundTruth;
import dev.fields.geometry.IsoMesh;
import dev.fields.geometry.MarchingCubes;
import dev.fields.geometry.MeshCheck;
import dev.fields.geometry.MeshDistanceField;
import dev.fields.geometry.Normalization;
import dev.fields.geometry.ShapeMetrics;
import dev.fields.io.AtomicFiles;
import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.mesh.MeshImporter;
import dev.fields.io.mesh.MeshWriter;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.Output;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code fields bench mesh}: the mesh a user takes away from a trained SDF, next to the limit of the extractor. The
 * trained field and the input mesh's exact signed distance ({@link MeshDistanceField}) are each extracted once by
 * {@link IsoMesh} at the same resolution, then simplified to every face budget; per row the OBJ is written and its
 * size, Chamfer-L1 / diagonal, F@1% and normal consistency against the input, and the {@link MeshCheck} numbers are
 * reported, with the seconds of each step. A Markdown table and {@code DIR/mesh-bench.json}.
 */
@Command(name = "mesh", mixinStandardHelpOptions = true,
        description = "Mesh export of a trained SDF vs marching cubes on the input's exact distance, at several face budgets. Markdown table + DIR/mesh-bench.json.")
public final class MeshBench implements Callable<Integer> {
    @Option(names = "--blob", defaultValue = "runs/bunny/bunny.field", description = "Trained SDF blob. Default: ${DEFAULT-VALUE}.") Path blob;
    @Option(names = "--mesh", defaultValue = "scenes/bunny.obj", description = "The mesh it was trained on. Default: ${DEFAULT-VALUE}.") Path mesh;
    @Option(names = "--res", defaultValue = "256", description = "Marching-cubes cells per axis. Default: ${DEFAULT-VALUE}.") int res;
    @Option(names = "--faces", split = ",", defaultValue = "0,100000,20000",
            description = "Face budgets, 0 = the full extraction. Default: ${DEFAULT-VALUE}.") List<Integer> faces;
    @Option(names = "--samples", defaultValue = "100000", description = "Surface samples per mesh for Chamfer, F-score, normals. Default: ${DEFAULT-VALUE}.") int samples;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--out", defaultValue = "runs/bench-mesh") Path out;

    /** One source at one face budget. {@code evaluations}: field points the extraction evaluated (shared by a source's rows). */
    record Row(String source, int budget, Path obj, long objBytes, ShapeMetrics.Comparison comparison, double diagonal, MeshCheck check,
               double extractSeconds, double simplifySeconds, double normalSeconds, long evaluations) {
        double chamferOverDiagonal() { return comparison.chamferL1() / diagonal; }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.put("faces_budget", budget);
            m.put("obj", obj.getFileName().toString());
            m.put("obj_bytes", objBytes);
            m.put("chamfer_l1", comparison.chamferL1());
            m.put("chamfer_l1_over_diagonal", chamferOverDiagonal());
            m.put("fscore_1pct", comparison.fscore());
            m.put("normal_consistency", comparison.normalConsistency());
            m.putAll(check.asMetrics("mesh_"));
            m.put("extract_seconds", extractSeconds);
            m.put("simplify_seconds", simplifySeconds);
            m.put("normals_seconds", normalSeconds);
            m.put("extract_field_evaluations", evaluations);
            return m;
        }
    }

    @Override public Integer call() throws Exception {
        if (res < 8) throw new UserError("--res must be at least 8, got " + res);
        for (int f : faces) if (f != 0 && f < 4) throw new UserError("--faces entries are 0 (the full extraction) or at least 4, got " + f);
        if (samples < 1) throw new UserError("--samples must be positive, got " + samples);
        if (!Files.isRegularFile(blob))
            throw new UserError("no trained field at " + blob + ": run 'fields fit-shape " + mesh + "' first or pass --blob");
        FieldBlob b = BlobFormat.read(blob);
        FieldSpec spec = b.spec();
        if (!spec.has(Channel.SDF) || spec.inputDim() != 3)
            throw new UserError(blob + " is not a 3-D signed distance field (inputs " + spec.inputDim() + ", outputs "
                    + spec.outputs().stream().map(o -> o.channel().name()).toList() + "): pass a blob from 'fields fit-shape' with the SDF field");
        Frame fr = spec.frame();
        for (int k = 0; k < 3; k++)
            if (fr.boxMin()[k] != -1 || fr.boxMax()[k] != 1)
                throw new UserError(blob + ": the field's box is " + fr + ", expected [-1, 1]³ as 'fields fit-shape' writes");
        Mesh world = MeshImporter.load(mesh);
        Normalization norm = new Normalization(fr.scale(), fr.offset().clone());
        Normalization fit = Normalization.fit(world, 0.1);
        if (Math.abs(fit.scale() / norm.scale() - 1) > 1e-4)
            System.out.printf(Locale.ROOT, "warning: %s does not fill the blob's box as the mesh it was trained on would (scale %.5g vs %.5g)%n",
                    mesh, fit.scale(), norm.scale());
        Files.createDirectories(out);
        System.out.printf(Locale.ROOT, "%s: %,d triangles; %s; marching cubes at %d^3, face budgets %s%n", mesh, world.triangleCount(), blob, res, faces);

        BlobField field = new BlobField(b);
        int stride = spec.outputDim(), at = sdfOffset(spec);
        MarchingCubes.ScalarField net = (xyz, count, o) -> {
            float[] v = field.evaluate(xyz, count);
            for (int i = 0; i < count; i++) o[i] = v[i * stride + at];
        };
        List<Row> rows = new ArrayList<>(rows("field", net, res, faces, norm, world, samples, seed, out, System.out));
        GroundTruth gt = new GroundTruth(norm.toField(world), GroundTruth.InsideTest.WINDING);
        MeshDistanceField exact = MeshDistanceField.forResolution(gt, res);
        rows.addAll(rows("exact", exact, res, faces, norm, world, samples, seed, out, System.out));

        System.out.println();
        System.out.println(table(rows));
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, Object> protocol = new LinkedHashMap<>();
        protocol.put("blob", blob.toString());
        protocol.put("mesh", mesh.toString());
        protocol.put("input_triangles", world.triangleCount());
        protocol.put("res", res);
        protocol.put("faces", faces);
        protocol.put("chamfer_samples", samples);
        protocol.put("fscore_threshold", "0.01 of the input's bounding-box diagonal");
        protocol.put("seed", seed);
        protocol.put("exact", "input mesh's signed distance (winding-number sign), truncated at " + exact.band() + " field units (two cell diagonals)");
        protocol.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("protocol", protocol);
        json.put("rows", rows.stream().map(Row::json).toList());
        AtomicFiles.writeString(out.resolve("mesh-bench.json"), dev.fields.fit.FitJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("wrote " + out.resolve("mesh-bench.json"));
        return 0;
    }

    /**
     * Extracts {@code f} (field units, negative inside) once at {@code res}, then for every budget simplifies, maps
     * back by {@code norm}, writes {@code DIR/SOURCE_BUDGET.obj} and measures it against {@code world}.
     */
    static List<Row> rows(String source, MarchingCubes.ScalarField f, int res, List<Integer> budgets, Normalization norm, Mesh world,
                          int samples, long seed, Path dir, PrintStream log) {
        long[] evaluations = {0};
        MarchingCubes.ScalarField counted = (xyz, count, o) -> { evaluations[0] += count; f.evaluate(xyz, count, o); };
        long t0 = System.nanoTime();
        Mesh full = IsoMesh.surface(counted, res);
        double extract = (System.nanoTime() - t0) / 1e9;
        if (log != null) log.printf(Locale.ROOT, "%s: %,d triangles at %d^3 in %.1f s (%,d field evaluations)%n", source, full.triangleCount(), res, extract, evaluations[0]);
        double diag = diagonal(world);
        List<Row> rows = new ArrayList<>();
        for (int budget : budgets) {
            IsoMesh iso = IsoMesh.finish(f, full, res, budget, extract);
            Mesh w = norm.toWorld(iso.mesh());
            Path obj = dir.resolve(source + "_" + (budget == 0 ? "full" : String.valueOf(budget)) + ".obj");
            MeshWriter.writeObj(obj, w, iso.normals(), "marching cubes of the " + source + " field at " + res + "^3"
                    + (budget > 0 ? ", simplified to " + budget + " faces by quadric error metrics" : "") + "; normals from the field's gradient");
            long bytes;
            try { bytes = Files.size(obj); } catch (IOException e) { throw new UncheckedIOException(e); }
            ShapeMetrics.Comparison cmp = ShapeMetrics.compare(w, world, samples, 0.01 * diag, seed);
            Row r = new Row(source, budget, obj, bytes, cmp, diag, MeshCheck.of(w), extract, iso.simplifySeconds(), iso.normalSeconds(), evaluations[0]);
            rows.add(r);
            if (log != null) log.printf(Locale.ROOT, "%s, budget %d: %s; Chamfer/diag %.2e, normals %.4f (simplify %.1f s, normals %.1f s)%n",
                    source, budget, r.check(), r.chamferOverDiagonal(), cmp.normalConsistency(), r.simplifySeconds(), r.normalSeconds());
        }
        return rows;
    }

    static String table(List<Row> rows) {
        StringBuilder t = new StringBuilder("| source | faces budget | triangles | OBJ MB | Chamfer-L1 / diag | normal consistency | F@1% | zero-area | slivers < 1° "
                + "| watertight | manifold | extract s | simplify s |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |\n");
        for (Row r : rows)
            t.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.1f | %.2e | %.4f | %.4f | %d | %.3f%% | %s | %s | %.1f | %.1f |%n",
                    r.source(), r.budget() == 0 ? "full" : String.format(Locale.ROOT, "%,d", r.budget()), r.check().triangles(), r.objBytes() / 1e6,
                    r.chamferOverDiagonal(), r.comparison().normalConsistency(), r.comparison().fscore(), r.check().zeroArea(),
                    100 * r.check().sliverFraction(), r.check().watertight() ? "yes" : "no", r.check().manifold() ? "yes" : "no",
                    r.extractSeconds(), r.simplifySeconds()));
        return t.toString();
    }

    private static int sdfOffset(FieldSpec spec) {
        int at = 0;
        for (Output o : spec.outputs()) {
            if (o.channel() == Channel.SDF) return at;
            at += o.size();
        }
        throw new IllegalStateException("no SDF output");
    }

    private static double diagonal(Mesh m) {
        double[] b = m.bounds();
        return Math.sqrt(Math.pow(b[3] - b[0], 2) + Math.pow(b[4] - b[1], 2) + Math.pow(b[5] - b[2], 2));
    }
}
