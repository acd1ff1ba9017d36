package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields with known answers, built directly as blobs: a ReLU network that is exactly
 * {@code (|x| + |y| + |z| - r) / sqrt(3)} (a 1-Lipschitz bound of the octahedron's distance, zero on its surface),
 * its radiance (view-independent and view-dependent) and occupancy cousins, a smooth curved blob made of cosines, a sphere's distance held in a hash grid,
 * and a CT slice that is a ramp in x.
 */
public final class AnalyticFields {
    private AnalyticFields() {}

    /**
     * A view-dependent radiance field: the density of {@link #fuzzyOctahedron}; spherical-harmonics colour coefficients
     * ({@code view} SH1..SH3, channel-major): each channel's c0 from {@code c0} (its diffuse colour is
     * {@code sigmoid(c0 Y00)}), the other coefficients fixed pseudo-random values in [−1.5, 1.5] (seed 11), and G's
     * Y10 coefficient also {@code 2x}, so the colour changes with the view and, beyond c0, with the position.
     */
    public static FieldBlob shinyOctahedron(double r, double k, float[] c0, ViewDependence view) {
        if (!view.viewDependent()) throw new IllegalArgumentException("a shiny octahedron needs SH colour, got " + view);
        int nk = view.coefficients(), out = 1 + view.rgbSize();
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.Identity(), NetworkSpec.relu(Parameterization.PLAIN, 6),
                List.of(new Output(Channel.DENSITY, 1, Head.RELU), new Output(Channel.RGB, view.rgbSize(), Head.IDENTITY)), Frame.box(3, -1, 1), 0, view);
        float[] w0 = new float[18];
        for (int j = 0; j < 6; j++) w0[3 * j + j / 2] = j % 2 == 0 ? 1 : -1; // relu(x), relu(-x), relu(y), ...
        float[] w1 = new float[out * 6], b1 = new float[out];
        for (int j = 0; j < 6; j++) w1[j] = (float) -k;
        b1[0] = (float) (k * r);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        for (int c = 0; c < 3; c++)
            for (int j = 0; j < nk; j++) b1[1 + c * nk + j] = j == 0 ? c0[c] : (float) rnd.nextDouble(-1.5, 1.5);
        int gY10 = 1 + nk + 2;
        w1[gY10 * 6] = 2;
        w1[gY10 * 6 + 1] = -2;
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[]{6, 3}, w0));
        t.put("layers.0.bias", new Tensor(new int[]{6}, new float[6]));
        t.put("layers.1.weight", new Tensor(new int[]{out, 6}, w1));
        t.put("layers.1.bias", new Tensor(new int[]{out}, b1));
        return FieldBlob.field(spec, t, new Provenance("analytic", 0, 0, Map.of(), dev.fields.io.ToolVersion.VERSION, "", Map.of("shape", "shiny octahedron")));
    }

    /**
     * A radiance field: density {@code relu(k (r - |x|₁))} (dense in the middle of an octahedron, zero outside) and a
     * constant colour {@code sigmoid(c)}.
     */
    public static FieldBlob fuzzyOctahedron(double r, double k, float[] c) {
        NetworkSpec net = NetworkSpec.relu(Parameterization.PLAIN, 6);
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.Identity(), net,
                List.of(new Output(Channel.DENSITY, 1, Head.RELU), new Output(Channel.RGB, 3, Head.SIGMOID)), Frame.box(3, -1, 1), 0);
        float[] w0 = new float[18];
        for (int j = 0; j < 6; j++) w0[3 * j + j / 2] = j % 2 == 0 ? 1 : -1;
        float[] w1 = new float[24];
        for (int j = 0; j < 6; j++) w1[j] = (float) -k;
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[]{6, 3}, w0));
        t.put("layers.0.bias", new Tensor(new int[]{6}, new float[6]));
        t.put("layers.1.weight", new Tensor(new int[]{4, 6}, w1));
        t.put("layers.1.bias", new Tensor(new int[]{4}, new float[]{(float) (k * r), c[0], c[1], c[2]}));
        return FieldBlob.field(spec, t, new Provenance("analytic", 0, 0, Map.of(), dev.fields.io.ToolVersion.VERSION, "", Map.of("shape", "fuzzy octahedron")));
    }

    /**
     * A CT slice whose attenuation is exactly {@code head(x)} on the box [0, 1]² drawn on a {@code width × height}
     * grid, so pixel (col, row) holds {@code head(col / width)}; {@code metrics} become its provenance metrics (e.g. a
     * recorded {@link dev.fields.io.blob.ValueRange}).
     */
    public static FieldBlob ramp(int width, int height, Head head, Map<String, Double> metrics) { return ramp(width, height, head, metrics, 0); }

    /** {@link #ramp} along y: the attenuation is {@code head(y)} (a slice's y points up: its top row is y near 1). */
    public static FieldBlob rampY(int width, int height, Head head, Map<String, Double> metrics) { return ramp(width, height, head, metrics, 1); }

    private static FieldBlob ramp(int width, int height, Head head, Map<String, Double> metrics, int axis) {
        FieldSpec spec = new FieldSpec(2, new EncodingSpec.Identity(), NetworkSpec.relu(Parameterization.PLAIN, 4),
                List.of(new Output(Channel.ATTENUATION, 1, head)), Frame.box(2, 0, 1).withResolution(width, height), 0);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[]{4, 2}, axis == 0 ? new float[]{1, 0, 0, 0, 0, 0, 0, 0} : new float[]{0, 1, 0, 0, 0, 0, 0, 0})); // relu(x or y), >= 0 in the box
        t.put("layers.0.bias", new Tensor(new int[]{4}, new float[4]));
        t.put("layers.1.weight", new Tensor(new int[]{1, 4}, new float[]{1, 0, 0, 0}));
        t.put("layers.1.bias", new Tensor(new int[]{1}, new float[1]));
        return FieldBlob.field(spec, t, new Provenance("analytic", 0, 0, metrics, dev.fields.io.ToolVersion.VERSION, "", Map.of("shape", axis == 0 ? "ramp x" : "ramp y")));
    }

    /** Octahedron of "radius" r as an SDF (identity head) or occupancy (sigmoid of sharpness·(r - |x|₁)). */
    public static FieldBlob octahedron(double r, boolean occupancy) {
        NetworkSpec net = NetworkSpec.relu(Parameterization.PLAIN, 6);
        Output out = occupancy ? new Output(Channel.OCCUPANCY, 1, Head.SIGMOID) : new Output(Channel.SDF, 1, Head.IDENTITY);
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.Identity(), net, List.of(out), Frame.box(3, -1, 1), occupancy ? 0 : 1.0);
        float[] w0 = new float[18];
        for (int k = 0; k < 6; k++) w0[3 * k + k / 2] = k % 2 == 0 ? 1 : -1; // relu(±x), relu(±y), relu(±z)
        float s = occupancy ? -40f : (float) (1 / Math.sqrt(3));
        float[] w1 = new float[6];
        java.util.Arrays.fill(w1, s);
        float b1 = occupancy ? (float) (40 * r) : (float) (-r / Math.sqrt(3));
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[]{6, 3}, w0));
        t.put("layers.0.bias", new Tensor(new int[]{6}, new float[6]));
        t.put("layers.1.weight", new Tensor(new int[]{1, 6}, w1));
        t.put("layers.1.bias", new Tensor(new int[]{1}, new float[]{b1}));
        return FieldBlob.field(spec, t, new Provenance("analytic", 0, 0, Map.of(), dev.fields.io.ToolVersion.VERSION, "", Map.of("shape", "octahedron r=" + r)));
    }

    /**
     * A smooth, everywhere-curved closed surface as an SDF-like field with a closed-form gradient: a sine network that
     * is exactly {@code f(p) = (3 - s - cos(a x) - cos(a y) - cos(a z)) / g} with {@code s = 1 - cos(a r)} and
     * {@code g = a sin(a r)}, so the surface crosses the axes at ±r with |∇f| = 1 there (a rounded, sphere-like blob for
     * small {@code a r}); its gradient is {@code (a / g) (sin(a x), sin(a y), sin(a z))} ({@link #cosineBlobNormal}), and
     * the recorded Lipschitz bound is {@code a √3 / g}. Needs {@code a r < π / 2}.
     */
    public static FieldBlob cosineBlob(double a, double r) {
        if (!(a * r > 0 && a * r < Math.PI / 2)) throw new IllegalArgumentException("needs 0 < a r < pi/2, got " + a * r);
        double s = 1 - Math.cos(a * r), g = a * Math.sin(a * r);
        NetworkSpec net = new NetworkSpec(NetworkSpec.Type.MLP, List.of(4), Activation.SINE, Parameterization.PLAIN, 1.0, 1.0, 1.0, 0.1);
        FieldSpec spec = new FieldSpec(3, new EncodingSpec.Identity(), net, List.of(new Output(Channel.SDF, 1, Head.IDENTITY)),
                Frame.box(3, -1, 1), a * Math.sqrt(3) / g);
        float[] w0 = new float[12];
        for (int k = 0; k < 3; k++) w0[3 * k + k] = (float) a; // sin(a x_k + pi/2) = cos(a x_k); the fourth unit is zero
        float h = (float) (Math.PI / 2);
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layers.0.weight", new Tensor(new int[]{4, 3}, w0));
        t.put("layers.0.bias", new Tensor(new int[]{4}, new float[]{h, h, h, 0}));
        float c = (float) (-1 / g);
        t.put("layers.1.weight", new Tensor(new int[]{1, 4}, new float[]{c, c, c, 0}));
        t.put("layers.1.bias", new Tensor(new int[]{1}, new float[]{(float) ((3 - s) / g)}));
        return FieldBlob.field(spec, t, new Provenance("analytic", 0, 0, Map.of(), dev.fields.io.ToolVersion.VERSION, "",
                Map.of("shape", "cosine blob a=" + a + " r=" + r)));
    }

    /** The unit normal of {@link #cosineBlob} (of any a, r) at p into {@code dest}. */
    public static double[] cosineBlobNormal(double a, double[] p, double[] dest) {
        double l = 0;
        for (int k = 0; k < 3; k++) { dest[k] = Math.sin(a * p[k]); l += dest[k] * dest[k]; }
        l = Math.sqrt(l);
        for (int k = 0; k < 3; k++) dest[k] /= l;
        return dest;
    }

    /**
     * A sphere of radius {@code radius} (field units) about the box centre as a hash-grid field: one dense level of
     * resolution 32 over [-1, 1]³ holding the exact distance at its vertices, which a 1 → 2 → 1 ReLU MLP passes
     * through ({@code relu(s) − relu(−s)}); trilinear between vertices, so exact to the interpolation error.
     */
    public static FieldBlob hashGridSphere(double radius, Frame frame) {
        EncodingSpec.HashGrid h = new EncodingSpec.HashGrid(1, 1, 16, 32, 32);
        FieldSpec spec = new FieldSpec(3, h, NetworkSpec.relu(Parameterization.PLAIN, 2), List.of(new Output(Channel.SDF, 1, Head.IDENTITY)), frame, 1.2);
        HashGridLayout g = HashGridLayout.of(h, 3);
        float[] tables = new float[g.values()];
        for (int z = 0; z <= 32; z++)
            for (int y = 0; y <= 32; y++)
                for (int x = 0; x <= 32; x++) {
                    double px = -1 + x / 16.0, py = -1 + y / 16.0, pz = -1 + z / 16.0;
                    tables[g.localIndex(0, x, y, z)] = (float) (Math.sqrt(px * px + py * py + pz * pz) - radius);
                }
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("encoding.tables", new Tensor(g.tensorShape(), tables));
        t.put("layers.0.weight", new Tensor(new int[]{2, 1}, new float[]{1, -1})); // relu(s), relu(-s)
        t.put("layers.0.bias", new Tensor(new int[]{2}, new float[2]));
        t.put("layers.1.weight", new Tensor(new int[]{1, 2}, new float[]{1, -1}));
        t.put("layers.1.bias", new Tensor(new int[]{1}, new float[1]));
        return FieldBlob.field(spec, t, new Provenance("analytic", 0, 0, Map.of(), dev.fields.io.ToolVersion.VERSION, "", Map.of("shape", "hash-grid sphere")));
    }
}
