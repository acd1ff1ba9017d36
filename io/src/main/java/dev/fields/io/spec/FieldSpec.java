package dev.fields.io.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one description of a neural field: input dimension, encoding, network, outputs and frame. The trainer,
 * the blob reader/writer, the GLSL generator and the reference evaluator all read this and nothing else.
 *
 * <p>Tensors of an exported blob (float32, row-major):
 * <ul>
 *   <li>{@code encoding.B}: (features, inputDim), Gaussian Fourier only.</li>
 *   <li>{@code encoding.tables}: (entries, F), hash grid only ({@link HashGridLayout}).</li>
 *   <li>{@code layers.i.weight}: (out, in) and {@code layers.i.bias}: (out) for i = 0..hidden.size(); layer 0
 *       reads the encoded input, the last layer writes {@link #outputDim()} raw values (heads applied after).</li>
 *   <li>Modified MLP only: {@code gate_u.weight}, {@code gate_v.weight}: (width, encodedDim) and their biases.</li>
 * </ul>
 * Every hidden layer computes {@code act(W h + b)} with a unit-scale activation.
 *
 * <p>Radiance fields with {@link ViewDependence} SH1..SH3: the outputs are DENSITY(1) then RGB(3·(d+1)², identity
 * head), the RGB block channel-major (the (d+1)² spherical-harmonics coefficients of R, then those of G, then those of
 * B, each in {@link SphericalHarmonics}' order); the colour along a ray's unit direction ω is
 * {@code sigmoid(Σ_k c_k Y_k(ω))} per channel, and consumers without a direction use {@code sigmoid(c_0 Y_0)}.
 * Point evaluators return the outputs as stored (density after its head, the raw coefficients);
 * {@link ViewDependence#colour} turns them into a colour.
 *
 * @param lipschitz the field's Lipschitz constant in field units as used by sphere tracing (step = value / lipschitz):
 *                  an estimate with margin for trained SDFs, exact for analytic ones, 0 when unknown
 * @param viewDependence how the colour depends on the view (radiance fields); absent in JSON (every blob written
 *                       before it existed, and every view-independent one since) means {@link ViewDependence#NONE}
 */
public record FieldSpec(int inputDim, EncodingSpec encoding, NetworkSpec network, List<Output> outputs, Frame frame,
                        double lipschitz,
                        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = ViewDependence.OmitNone.class)
                        ViewDependence viewDependence) {

    @JsonCreator public FieldSpec {
        if (inputDim < 1 || inputDim > 4) throw new IllegalArgumentException("inputDim must be 1..4, got " + inputDim);
        if (encoding == null || network == null || frame == null) throw new IllegalArgumentException("spec is incomplete");
        outputs = List.copyOf(outputs);
        if (outputs.isEmpty()) throw new IllegalArgumentException("a field needs at least one output");
        if (frame.boxMin().length != inputDim)
            throw new IllegalArgumentException("frame dimension " + frame.boxMin().length + " != inputDim " + inputDim);
        if (viewDependence == null) viewDependence = ViewDependence.NONE;
        if (viewDependence.viewDependent()) {
            int k = viewDependence.rgbSize();
            boolean ok = inputDim == 3 && outputs.size() >= 2 && outputs.get(0).channel() == Channel.DENSITY && outputs.get(0).size() == 1
                    && outputs.get(1).equals(new Output(Channel.RGB, k, Head.IDENTITY));
            if (!ok)
                throw new IllegalArgumentException("a view-dependent (" + viewDependence + ") field needs 3-D input and outputs DENSITY(1) then RGB(" + k
                        + " spherical-harmonics coefficients, identity head), got " + inputDim + "-D with " + outputs);
        }
        int dim = inputDim; // a hash grid checks that it can encode this dimension within its size limit
        encoding.accept(EncodingSpec.Visitor.<Object>of(i -> null, p -> null, g -> null, h -> HashGridLayout.of(h, dim)));
    }

    /** Width of the encoded input. */
    @JsonIgnore public int encodedDim() { return encoding.outputDim(inputDim); }

    /** Total number of raw outputs. */
    @JsonIgnore public int outputDim() { return outputs.stream().mapToInt(Output::size).sum(); }

    /** Widths of every layer boundary: encoded input, hidden layers, output. */
    @JsonIgnore public int[] layerWidths() {
        List<Integer> h = network.hidden();
        int[] w = new int[h.size() + 2];
        w[0] = encodedDim();
        for (int i = 0; i < h.size(); i++) w[i + 1] = h.get(i);
        w[w.length - 1] = outputDim();
        return w;
    }

    /** Number of dense layers (hidden + output). */
    @JsonIgnore public int layerCount() { return network.hidden().size() + 1; }

    /** True if some output carries the given channel. */
    public boolean has(Channel c) { return outputs.stream().anyMatch(o -> o.channel() == c); }

    /** The exported tensors this spec requires, name to shape, in a stable order. */
    public Map<String, int[]> expectedTensors() {
        Map<String, int[]> m = new LinkedHashMap<>();
        int[] matrix = encoding.accept(EncodingSpec.Visitor.<int[]>of(i -> null, p -> null, g -> new int[]{g.features(), inputDim}, h -> null));
        if (matrix != null) m.put("encoding.B", matrix);
        int[] tables = encoding.accept(EncodingSpec.Visitor.<int[]>of(i -> null, p -> null, g -> null,
                h -> HashGridLayout.of(h, inputDim).tensorShape()));
        if (tables != null) m.put("encoding.tables", tables);
        int[] w = layerWidths();
        for (int i = 0; i + 1 < w.length; i++) {
            m.put("layers." + i + ".weight", new int[]{w[i + 1], w[i]});
            m.put("layers." + i + ".bias", new int[]{w[i + 1]});
        }
        if (network.type() == NetworkSpec.Type.MODIFIED) {
            for (String g : new String[]{"gate_u", "gate_v"}) {
                m.put(g + ".weight", new int[]{w[1], w[0]});
                m.put(g + ".bias", new int[]{w[1]});
            }
        }
        return m;
    }

    /** Number of exported parameters (weights, biases, the encoding matrix or tables). */
    @JsonIgnore public long parameterCount() {
        long n = 0;
        for (int[] s : expectedTensors().values()) {
            long k = 1;
            for (int d : s) k *= d;
            n += k;
        }
        return n;
    }

    /** A view-independent field (every kind but view-dependent radiance). */
    public FieldSpec(int inputDim, EncodingSpec encoding, NetworkSpec network, List<Output> outputs, Frame frame, double lipschitz) {
        this(inputDim, encoding, network, outputs, frame, lipschitz, ViewDependence.NONE);
    }

    public FieldSpec withFrame(Frame f) { return new FieldSpec(inputDim, encoding, network, outputs, f, lipschitz, viewDependence); }

    public FieldSpec withLipschitz(double l) { return new FieldSpec(inputDim, encoding, network, outputs, frame, l, viewDependence); }
}
