package dev.fields.io.spec;

import dev.fields.io.UserError;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a field is drawn, decided by {@link #of} from its input dimension and declared outputs alone. Each kind
 * declares the outputs it reads ({@link #needs()}): they must be the field's leading outputs, in that order, because
 * shaders read outputs by position (the first one is {@code field(p).x}); outputs after them are carried, not drawn.
 * Renderers switch exhaustively on the kind; {@link #code()} is the kind's number in shaders.
 */
public enum FieldKind {
    /** A 2-D image: grey (1) or colour (3) intensities in [0, 1], drawn pixel for pixel on the {@link PixelGrid}. */
    IMAGE_2D(0, 2, new Need(Channel.IMAGE, Set.of(1, 3), EnumSet.allOf(Head.class))),
    /** A 2-D CT slice: the attenuation coefficient drawn as an image through a colour map. */
    ATTENUATION_SLICE(1, 2, new Need(Channel.ATTENUATION, Set.of(1), EnumSet.allOf(Head.class))),
    /** A signed distance, sphere-traced (steps of value / Lipschitz constant): only an identity head keeps its sign. */
    SDF_SURFACE(2, 3, new Need(Channel.SDF, Set.of(1), EnumSet.of(Head.IDENTITY))),
    /** An inside probability, marched to its 0.5 level and refined by bisection: a probability needs a sigmoid head. */
    OCCUPANCY_SURFACE(3, 3, new Need(Channel.OCCUPANCY, Set.of(1), EnumSet.of(Head.SIGMOID))),
    /**
     * Density then colour, composited front to back along each ray (negative densities count as empty); the colour
     * is RGB(3), or with {@link ViewDependence} SH1..SH3 RGB(3·(d+1)²) spherical-harmonics coefficients with an
     * identity head (what {@link FieldSpec} requires of a view-dependent field).
     */
    RADIANCE(4, 3, new Need(Channel.DENSITY, Set.of(1), EnumSet.allOf(Head.class)),
            new Need(Channel.RGB, Set.of(3), EnumSet.allOf(Head.class)));

    /** One output a kind reads: its channel, the sizes it accepts and the heads that keep its meaning. */
    public record Need(Channel channel, Set<Integer> sizes, Set<Head> heads) {
        public Need {
            sizes = Set.copyOf(sizes);
            heads = Set.copyOf(heads);
        }

        public boolean accepts(Output o) {
            return o.channel() == channel && sizes.contains(o.size()) && heads.contains(o.head());
        }

        @Override public String toString() {
            String s = channel + "(" + sizes.stream().sorted().map(String::valueOf).collect(Collectors.joining("|"));
            return heads.size() == Head.values().length ? s + ")"
                    : s + ", " + heads.stream().sorted().map(h -> h.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining("|")) + " head)";
        }
    }

    private final int code, inputDim;
    private final List<Need> needs;

    FieldKind(int code, int inputDim, Need... needs) {
        this.code = code;
        this.inputDim = inputDim;
        this.needs = List.of(needs);
    }

    /** The kind's number in shaders (uniform {@code uKind}, constants {@code KIND_<NAME>}). */
    public int code() { return code; }

    /**
     * Which way a 2-D kind's y axis points on screen: an image's rows run down its y axis (row 0 at the box's low
     * y, as image files store it), a CT slice's y is the scanner's, pointing up (row 0 at the box's high y, as the
     * reconstruction grid stores it). Drawers read it through {@link PixelGrid}.
     */
    public boolean yUp() {
        return switch (this) {
            case IMAGE_2D -> false;
            case ATTENUATION_SLICE -> true;
            case SDF_SURFACE, OCCUPANCY_SURFACE, RADIANCE -> throw new IllegalStateException(this + " fields are traced in 3-D, not drawn in rows");
        };
    }

    /** Dimension of the coordinates the kind draws. */
    public int inputDim() { return inputDim; }

    /** The leading outputs the kind reads, in order. */
    public List<Need> needs() { return needs; }

    /** True if a field of this shape can be drawn as this kind. */
    public boolean accepts(FieldSpec spec) {
        if (spec.inputDim() != inputDim || spec.outputs().size() < needs.size()) return false;
        if (spec.viewDependence().viewDependent()) return switch (this) { // FieldSpec checked its density and coefficients
            case RADIANCE -> true;
            case IMAGE_2D, ATTENUATION_SLICE, SDF_SURFACE, OCCUPANCY_SURFACE -> false;
        };
        for (int i = 0; i < needs.size(); i++) if (!needs.get(i).accepts(spec.outputs().get(i))) return false;
        return true;
    }

    /** The one kind that draws {@code spec}; a {@link UserError} naming what every kind takes when none does. */
    public static FieldKind of(FieldSpec spec) {
        for (FieldKind k : values()) if (k.accepts(spec)) return k;
        String outs = spec.outputs().stream()
                .map(o -> o.channel() + "(" + o.size() + ", " + o.head().name().toLowerCase(Locale.ROOT) + " head)")
                .collect(Collectors.joining(", "));
        String kinds = java.util.Arrays.stream(values())
                .map(k -> k.inputDim + "-D " + k.needs.stream().map(Need::toString).collect(Collectors.joining(" then ")))
                .collect(Collectors.joining("; "));
        throw new UserError("no renderer draws a " + spec.inputDim() + "-D field with outputs " + outs
                + ": the leading outputs must be one of " + kinds + " (refit the field with outputs a renderer takes)");
    }
}
