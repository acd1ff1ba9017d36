package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.Activation;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.HashGridLayout;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Output;
import dev.fields.io.spec.SphericalHarmonics;
import dev.fields.io.spec.ViewDependence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generates a GLSL function {@code vec4 field(vecD p)} that evaluates a blob exactly as {@link ReferenceEvaluator}
 * does (outputs after heads in x, y, z, w; at most four outputs). Widths are padded to multiples of 4 and every layer
 * is evaluated in 4×4 blocks ({@code mat4 * vec4}; GLSL matrices are column-major, so block columns hold one input
 * across four outputs). Two weight paths:
 * <ul>
 *   <li>{@link WeightPath#LITERAL}: weights baked in as constants (fastest on software rasterizers; recompiles per blob).</li>
 *   <li>{@link WeightPath#BUFFER}: weights read from an SSBO {@code FieldWeights} of vec4 (binding {@link #WEIGHT_BINDING})
 *       laid out by {@link #packWeights}; a new blob of the same shape uploads without recompiling.</li>
 * </ul>
 * A hash-grid encoding reads its tables from an SSBO {@code FieldGrid} of floats (binding {@link #GRID_BINDING},
 * {@link #gridValues}: the blob's {@code encoding.tables} as stored) on every path; its level constants (resolution,
 * offset, dense or hashed) are baked into the source from {@link HashGridLayout}.
 *
 * <p>A view-dependent radiance field ({@link ViewDependence} SH1..SH3, 1 + 3·(d+1)² outputs) gets the network as
 * {@code vec4 fieldSh(vec3 p, float shY[K])} returning {@code (density, sigmoid(Σ_k c_k shY[k]) per channel)}, then
 * {@code vec4 fieldView(vec3 p, vec3 d)}: the colour seen along the unit direction d ({@code shBasis} of
 * {@link SphericalHarmonics#glsl}), and {@code vec4 field(vec3 p)}: the diffuse colour {@code sigmoid(c_0 Y_0)} (what a
 * bake without a direction stores); it defines {@code FIELD_VIEW_DEPENDENT} for the tracer.
 */
public final class GlslGenerator {
    /** Where the weights live. */
    public enum WeightPath { LITERAL, BUFFER }

    public static final int WEIGHT_BINDING = 3;
    /** SSBO binding of a hash grid's tables. */
    public static final int GRID_BINDING = 4;
    private final FieldSpec spec;
    private final FieldBlob blob;
    private final WeightPath path;
    private final StringBuilder sb = new StringBuilder();
    private int offset; // vec4 offset into the packed buffer

    private GlslGenerator(FieldBlob blob, WeightPath path) {
        this.blob = blob;
        this.spec = blob.spec();
        this.path = path;
        boolean wide = switch (spec.viewDependence()) {
            case NONE -> false;
            case SH1, SH2, SH3 -> true; // the coefficients are summed into a colour inside the function
        };
        if (!wide && spec.outputDim() > 4) throw new IllegalArgumentException("GLSL fields return a vec4: at most 4 outputs, got " + spec.outputDim());
    }

    /** GLSL source (no #version line) defining {@code vec4 field(vecD p)} and, for the buffer path, its SSBO. */
    public static String generate(FieldBlob blob, WeightPath path) {
        GlslGenerator g = new GlslGenerator(blob, path);
        g.emit();
        return g.sb.toString();
    }

    static int pad4(int n) { return (n + 3) / 4 * 4; }

    private static String f(double v) {
        if (v == 0) return "0.0";
        String s = String.format(Locale.ROOT, "%.9g", v);
        if (!s.contains(".") && !s.contains("e")) s += ".0";
        return s;
    }

    private String vecType() { return spec.inputDim() == 1 ? "float" : "vec" + spec.inputDim(); }

    private void emit() {
        int d = spec.inputDim();
        if (path == WeightPath.BUFFER)
            sb.append("layout(std430, binding = ").append(WEIGHT_BINDING).append(") readonly buffer FieldWeights { vec4 fw[]; };\n");
        if (gridValues(blob) != null)
            sb.append("layout(std430, binding = ").append(GRID_BINDING).append(") readonly buffer FieldGrid { float hg[]; };\n");
        ViewDependence view = spec.viewDependence();
        int shK = view.coefficients();
        switch (view) {
            case NONE -> sb.append("vec4 field(").append(vecType()).append(" p) {\n");
            case SH1, SH2, SH3 -> sb.append("#define FIELD_VIEW_DEPENDENT\n").append(SphericalHarmonics.glsl(view.degree()))
                    .append("vec4 fieldSh(vec3 p, float shY[").append(shK).append("]) {\n");
        }
        int enc = spec.encodedDim(), encBlocks = pad4(enc) / 4;
        sb.append("  vec4 e[").append(encBlocks).append("];\n");
        encoding(d, enc, encBlocks);
        int[] w = spec.layerWidths();
        String in = "e";
        int inBlocks = encBlocks;
        boolean mod = spec.network().type() == NetworkSpec.Type.MODIFIED;
        if (mod) {
            int hb = pad4(w[1]) / 4;
            sb.append("  vec4 gu[").append(hb).append("], gv[").append(hb).append("];\n");
            dense("gate_u", "e", encBlocks, "gu", w[1], w[0], true);
            dense("gate_v", "e", encBlocks, "gv", w[1], w[0], true);
        }
        for (int l = 0; l < spec.layerCount(); l++) {
            boolean last = l == spec.layerCount() - 1;
            int outBlocks = pad4(w[l + 1]) / 4;
            String out = "h" + l;
            sb.append("  vec4 ").append(out).append("[").append(outBlocks).append("];\n");
            dense("layers." + l, in, inBlocks, out, w[l + 1], w[l], !last);
            if (mod && !last)
                sb.append("  for (int i = 0; i < ").append(outBlocks).append("; i++) ").append(out).append("[i] = ").append(out)
                        .append("[i] * gu[i] + (1.0 - ").append(out).append("[i]) * gv[i];\n");
            in = out;
            inBlocks = outBlocks;
        }
        String[] comp = {"x", "y", "z", "w"};
        switch (view) {
            case NONE -> {
                sb.append("  vec4 r = ").append(in).append("[0];\n");
                int k = 0;
                for (Output o : spec.outputs())
                    for (int j = 0; j < o.size(); j++, k++) {
                        String head = head(o, "r." + comp[k]);
                        if (head != null) sb.append("  ").append(head).append(";\n");
                    }
                sb.append("  return r;\n}\n");
            }
            case SH1, SH2, SH3 -> {
                sb.append("  vec4 r = vec4(").append(in).append("[0].x, 0.0, 0.0, 0.0);\n");
                String head = head(spec.outputs().get(0), "r.x");
                if (head != null) sb.append("  ").append(head).append(";\n");
                for (int c = 0; c < 3; c++) { // output 1 + c K + k: channel-major coefficients
                    sb.append("  r.").append(comp[c + 1]).append(" = 1.0 / (1.0 + exp(-(");
                    for (int j = 0; j < shK; j++) {
                        int i = 1 + c * shK + j;
                        sb.append(j == 0 ? "" : " + ").append(in).append("[").append(i / 4).append("].").append(comp[i % 4]).append(" * shY[").append(j).append("]");
                    }
                    sb.append(")));\n");
                }
                sb.append("  return r;\n}\n");
                sb.append("vec4 fieldView(vec3 p, vec3 d) { float y[").append(shK).append("]; shBasis(d, y); return fieldSh(p, y); }\n");
                sb.append("vec4 field(vec3 p) { float y[").append(shK).append("]; y[0] = ").append(f(SphericalHarmonics.basis0()))
                        .append("; for (int k = 1; k < ").append(shK).append("; k++) y[k] = 0.0; return fieldSh(p, y); }\n");
            }
        }
    }

    /** The GLSL statement applying an output's head to component {@code c}; null for the identity. */
    private static String head(Output o, String c) {
        return switch (o.head()) {
            case SIGMOID -> c + " = 1.0 / (1.0 + exp(-" + c + "))";
            case RELU -> c + " = max(" + c + ", 0.0)";
            case SOFTPLUS -> c + " = " + c + " > 20.0 ? " + c + " : log(1.0 + exp(" + c + "))";
            case IDENTITY -> null;
        };
    }

    private void encoding(int d, int enc, int blocks) {
        String[] comp = {"x", "y", "z", "w"};
        String[] x = new String[d];
        for (int i = 0; i < d; i++) x[i] = d == 1 ? "p" : "p." + comp[i];
        List<String> feats = spec.encoding().accept(new EncodingSpec.Visitor<List<String>>() {
            @Override public List<String> identity(EncodingSpec.Identity e) { return new ArrayList<>(List.of(x)); }

            @Override public List<String> positional(EncodingSpec.Positional p) {
                List<String> fs = new ArrayList<>();
                if (p.includeInput()) fs.addAll(List.of(x));
                for (int fr = 0; fr < p.frequencies(); fr++) {
                    String s = f(Math.scalb(Math.PI, fr));
                    for (int i = 0; i < d; i++) fs.add("sin(" + s + " * " + x[i] + ")");
                    for (int i = 0; i < d; i++) fs.add("cos(" + s + " * " + x[i] + ")");
                }
                return fs;
            }

            @Override public List<String> fourier(EncodingSpec.GaussianFourier g) {
                float[] B = blob.tensor("encoding.B").data();
                int m = g.features();
                sb.append("  float t[").append(m).append("];\n");
                for (int j = 0; j < m; j++) {
                    sb.append("  t[").append(j).append("] = 6.283185307179586 * (");
                    for (int i = 0; i < d; i++) {
                        if (i > 0) sb.append(" + ");
                        sb.append(f(B[j * d + i])).append(" * ").append(x[i]);
                    }
                    sb.append(");\n");
                }
                List<String> fs = new ArrayList<>();
                for (int j = 0; j < m; j++) fs.add("cos(t[" + j + "])");
                for (int j = 0; j < m; j++) fs.add("sin(t[" + j + "])");
                return fs;
            }

            @Override public List<String> hashGrid(EncodingSpec.HashGrid h) {
                HashGridLayout g = HashGridLayout.of(h, d);
                emitHashGrid(g);
                List<String> fs = new ArrayList<>();
                for (int k = 0; k < g.levels() * g.features(); k++) fs.add("hf[" + k + "]");
                return fs;
            }
        });
        while (feats.size() < 4 * blocks) feats.add("0.0");
        for (int b = 0; b < blocks; b++)
            sb.append("  e[").append(b).append("] = vec4(").append(String.join(", ", feats.subList(4 * b, 4 * b + 4))).append(");\n");
    }

    /** Emits {@code float hf[L*F]}: the hash-grid features of p exactly as {@link HashGridLayout} defines them. */
    private void emitHashGrid(HashGridLayout g) {
        int d = g.dim(), L = g.levels(), F = g.features();
        String v = "vec" + d, iv = "ivec" + d;
        StringBuilder res = new StringBuilder(), off = new StringBuilder(), dense = new StringBuilder();
        for (int l = 0; l < L; l++) {
            String sep = l == 0 ? "" : ", ";
            res.append(sep).append(g.resolution(l));
            off.append(sep).append(g.offset(l)).append('u');
            dense.append(sep).append(g.dense(l));
        }
        double[] lo = spec.frame().boxMin(), hi = spec.frame().boxMax();
        StringBuilder vlo = new StringBuilder(v + "("), vsz = new StringBuilder(v + "(");
        for (int k = 0; k < d; k++) {
            vlo.append(k == 0 ? "" : ", ").append(f(lo[k]));
            vsz.append(k == 0 ? "" : ", ").append(f(hi[k] - lo[k]));
        }
        sb.append("  const int HG_RES[").append(L).append("] = int[](").append(res).append(");\n");
        sb.append("  const uint HG_OFF[").append(L).append("] = uint[](").append(off).append(");\n");
        sb.append("  const bool HG_DENSE[").append(L).append("] = bool[](").append(dense).append(");\n");
        sb.append("  float hf[").append(L * F).append("];\n");
        sb.append("  ").append(v).append(" hu = clamp((p - ").append(vlo).append(")) / ").append(vsz).append("), 0.0, 1.0);\n");
        sb.append("  for (int l = 0; l < ").append(L).append("; l++) {\n");
        sb.append("    int r = HG_RES[l];\n");
        sb.append("    ").append(v).append(" s = hu * float(r);\n");
        sb.append("    ").append(iv).append(" c0 = min(").append(iv).append("(floor(s)), ").append(iv).append("(r - 1));\n");
        sb.append("    ").append(v).append(" fr = s - ").append(v).append("(c0);\n");
        sb.append("    uint n = uint(r + 1);\n");
        for (int f = 0; f < F; f++) sb.append("    float a").append(f).append(" = 0.0;\n");
        sb.append("    for (int c = 0; c < ").append(1 << d).append("; c++) {\n");
        sb.append("      ").append(iv).append(" b = ").append(iv).append("(c & 1, (c >> 1) & 1").append(d == 3 ? ", (c >> 2) & 1" : "").append(");\n");
        sb.append("      uvec").append(d).append(" q = uvec").append(d).append("(c0 + b);\n");
        sb.append("      ").append(v).append(" wv = mix(1.0 - fr, fr, ").append(v).append("(b));\n");
        sb.append("      float w = wv.x * wv.y").append(d == 3 ? " * wv.z" : "").append(";\n");
        String z = d == 3 ? "q.z" : "0u";
        sb.append("      uint e = HG_DENSE[l] ? q.x + n * (q.y + n * ").append(z).append(")\n");
        sb.append("          : ((q.x * ").append(Integer.toUnsignedString(HashGridLayout.PRIME_X)).append("u) ^ (q.y * ")
                .append(Integer.toUnsignedString(HashGridLayout.PRIME_Y)).append("u)")
                .append(d == 3 ? " ^ (q.z * " + Integer.toUnsignedString(HashGridLayout.PRIME_Z) + "u)" : "")
                .append(") & ").append(g.tableSize() - 1).append("u;\n");
        sb.append("      uint at = (HG_OFF[l] + e) * ").append(F).append("u;\n");
        for (int f = 0; f < F; f++) sb.append("      a").append(f).append(" += w * hg[at + ").append(f).append("u];\n");
        sb.append("    }\n");
        for (int f = 0; f < F; f++) sb.append("    hf[l * ").append(F).append(" + ").append(f).append("] = a").append(f).append(";\n");
        sb.append("  }\n");
    }

    /** A hash grid's tables as the {@code FieldGrid} SSBO holds them (entry-major, F floats each); null for other encodings. */
    public static float[] gridValues(FieldBlob blob) {
        return blob.spec().encoding().accept(EncodingSpec.Visitor.<float[]>of(i -> null, p -> null, g -> null,
                h -> blob.tensor("encoding.tables").data()));
    }

    private String act(String x) {
        Activation a = spec.network().activation();
        return switch (a) {
            case RELU -> "max(" + x + ", 0.0)";
            case TANH -> "tanh(" + x + ")";
            case SINE -> "sin(" + x + ")";
            case SOFTPLUS -> "log(1.0 + exp(" + x + "))";
        };
    }

    /** out[ob] = act(sum_ib mat4(block) * in[ib] + bias) for a layer of nout × nin. */
    private void dense(String name, String in, int inBlocks, String out, int nout, int nin, boolean activate) {
        float[] W = blob.tensor(name + ".weight").data(), B = blob.tensor(name + ".bias").data();
        int outBlocks = pad4(nout) / 4;
        if (path == WeightPath.LITERAL) {
            for (int ob = 0; ob < outBlocks; ob++) {
                StringBuilder expr = new StringBuilder(vec4(B, 4 * ob, nout));
                for (int ib = 0; ib < inBlocks; ib++) expr.append("\n    + ").append(mat4(W, ob, ib, nout, nin)).append(" * ").append(in).append("[").append(ib).append("]");
                sb.append("  ").append(out).append("[").append(ob).append("] = ").append(activate ? act(expr.toString()) : expr).append(";\n");
            }
        } else {
            // unrolled with constant indices: every lane reads the same element (a broadcast load, not a gather)
            for (int ob = 0; ob < outBlocks; ob++) {
                int w0 = offset + ob * (inBlocks * 4 + 1);
                StringBuilder expr = new StringBuilder("fw[" + w0 + "]");
                for (int ib = 0; ib < inBlocks; ib++) {
                    int q = w0 + 1 + 4 * ib;
                    expr.append("\n    + mat4(fw[").append(q).append("], fw[").append(q + 1).append("], fw[").append(q + 2).append("], fw[")
                            .append(q + 3).append("]) * ").append(in).append("[").append(ib).append("]");
                }
                sb.append("  ").append(out).append("[").append(ob).append("] = ").append(activate ? act(expr.toString()) : expr).append(";\n");
            }
            offset += outBlocks * (inBlocks * 4 + 1);
        }
    }

    private static String vec4(float[] b, int from, int n) {
        String[] c = new String[4];
        for (int i = 0; i < 4; i++) c[i] = from + i < n ? f(b[from + i]) : "0.0";
        return "vec4(" + String.join(", ", c) + ")";
    }

    private static String mat4(float[] w, int ob, int ib, int nout, int nin) {
        String[] c = new String[16];
        for (int col = 0; col < 4; col++)
            for (int row = 0; row < 4; row++) {
                int r = 4 * ob + row, k = 4 * ib + col;
                c[4 * col + row] = r < nout && k < nin ? f(w[r * nin + k]) : "0.0";
            }
        return "mat4(" + String.join(", ", c) + ")";
    }

    /**
     * The weights in the buffer path's layout, in generation order (gates, then layers): per output block one bias
     * vec4 then, per input block, the four columns of its mat4.
     */
    public static float[] packWeights(FieldBlob blob) {
        FieldSpec s = blob.spec();
        List<float[]> parts = new ArrayList<>();
        int[] w = s.layerWidths();
        int encBlocks = pad4(s.encodedDim()) / 4;
        if (s.network().type() == NetworkSpec.Type.MODIFIED) {
            parts.add(pack(blob, "gate_u", w[1], w[0], encBlocks));
            parts.add(pack(blob, "gate_v", w[1], w[0], encBlocks));
        }
        int inBlocks = encBlocks;
        for (int l = 0; l < s.layerCount(); l++) {
            parts.add(pack(blob, "layers." + l, w[l + 1], w[l], inBlocks));
            inBlocks = pad4(w[l + 1]) / 4;
        }
        int n = 0;
        for (float[] p : parts) n += p.length;
        float[] out = new float[n];
        int k = 0;
        for (float[] p : parts) { System.arraycopy(p, 0, out, k, p.length); k += p.length; }
        return out;
    }

    private static float[] pack(FieldBlob blob, String name, int nout, int nin, int inBlocks) {
        float[] W = blob.tensor(name + ".weight").data(), B = blob.tensor(name + ".bias").data();
        int outBlocks = pad4(nout) / 4;
        float[] out = new float[outBlocks * (inBlocks * 4 + 1) * 4];
        int k = 0;
        for (int ob = 0; ob < outBlocks; ob++) {
            for (int i = 0; i < 4; i++) out[k++] = 4 * ob + i < nout ? B[4 * ob + i] : 0;
            for (int ib = 0; ib < inBlocks; ib++)
                for (int col = 0; col < 4; col++)
                    for (int row = 0; row < 4; row++) {
                        int r = 4 * ob + row, c = 4 * ib + col;
                        out[k++] = r < nout && c < nin ? W[r * nin + c] : 0;
                    }
        }
        return out;
    }
}
