package dev.fields.io.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.util.function.Function;

/**
 * How raw coordinates become network inputs. The feature layout of each variant is part of the file format:
 * the trainer, the reference evaluator and the GLSL generator must agree on it bit for bit.
 *
 * <ul>
 *   <li>{@link Identity}: {@code [x_0 .. x_{d-1}]}.</li>
 *   <li>{@link Positional}: {@code [x (if includeInput), sin(2^0 pi x), cos(2^0 pi x), sin(2^1 pi x), cos(2^1 pi x), ...,
 *       sin(2^{L-1} pi x), cos(2^{L-1} pi x)]} where each sin/cos block covers all d input dimensions in order.</li>
 *   <li>{@link GaussianFourier}: {@code [cos(2 pi B x) (m values), sin(2 pi B x) (m values)]} with the fixed matrix
 *       {@code B} (m rows, d columns) stored in the blob as tensor {@code encoding.B}.</li>
 *   <li>{@link HashGrid}: {@code [level 0 feature 0 .. F-1, level 1 feature 0 .. F-1, ..., level L-1 ...]}, each the
 *       d-linear interpolation of the trainable table entries at the 2^d corners of the point's cell; the tables are
 *       the tensor {@code encoding.tables} (entries, F), levels one after another. The grid covers the frame's box;
 *       indexing, resolutions and the coordinate mapping are defined by {@link HashGridLayout}.</li>
 * </ul>
 * Consumers branch on the variant through {@link #accept(Visitor)}, never {@code instanceof}: a new variant then fails
 * to compile wherever it is not handled.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EncodingSpec.Identity.class, name = "identity"),
        @JsonSubTypes.Type(value = EncodingSpec.Positional.class, name = "positional"),
        @JsonSubTypes.Type(value = EncodingSpec.GaussianFourier.class, name = "fourier"),
        @JsonSubTypes.Type(value = EncodingSpec.HashGrid.class, name = "hashgrid")})
public sealed interface EncodingSpec {

    /** Number of features produced for a {@code inputDim}-dimensional coordinate. */
    int outputDim(int inputDim);

    /** Calls the visitor's method for this variant. */
    <R> R accept(Visitor<R> v);

    /** One method per variant; every consumer that depends on the variant implements all of them. */
    interface Visitor<R> {
        R identity(Identity e);
        R positional(Positional e);
        R fourier(GaussianFourier e);
        R hashGrid(HashGrid e);

        /** A visitor from one function per variant (all required, so a new variant breaks every call site). */
        static <R> Visitor<R> of(Function<Identity, R> identity, Function<Positional, R> positional,
                                 Function<GaussianFourier, R> fourier, Function<HashGrid, R> hashGrid) {
            return new Visitor<>() {
                @Override public R identity(Identity e) { return identity.apply(e); }
                @Override public R positional(Positional e) { return positional.apply(e); }
                @Override public R fourier(GaussianFourier e) { return fourier.apply(e); }
                @Override public R hashGrid(HashGrid e) { return hashGrid.apply(e); }
            };
        }
    }

    /** Raw coordinates, unchanged. */
    record Identity() implements EncodingSpec {
        @Override public int outputDim(int inputDim) { return inputDim; }
        @Override public <R> R accept(Visitor<R> v) { return v.identity(this); }
    }

    /** NeRF-style positional encoding with {@code frequencies} octaves starting at pi. */
    record Positional(int frequencies, boolean includeInput) implements EncodingSpec {
        public Positional {
            if (frequencies < 1) throw new IllegalArgumentException("positional encoding needs at least 1 frequency, got " + frequencies);
        }
        @Override public int outputDim(int inputDim) { return (includeInput ? inputDim : 0) + 2 * frequencies * inputDim; }
        @Override public <R> R accept(Visitor<R> v) { return v.positional(this); }
    }

    /** Gaussian random Fourier features (Tancik et al. 2020): B ~ N(0, sigma^2), shape (features, d). */
    record GaussianFourier(int features, double sigma) implements EncodingSpec {
        public GaussianFourier {
            if (features < 1) throw new IllegalArgumentException("Fourier features need at least 1 feature, got " + features);
            if (!(sigma > 0)) throw new IllegalArgumentException("Fourier sigma must be > 0, got " + sigma);
        }
        @Override public int outputDim(int inputDim) { return 2 * features; }
        @Override public <R> R accept(Visitor<R> v) { return v.fourier(this); }
    }

    /**
     * Multiresolution hash encoding (Müller et al. 2022, instant-ngp): {@code levels} grids whose resolutions grow
     * geometrically from {@code minResolution} to {@code maxResolution}, each with a table of at most
     * {@code 2^log2TableSize} entries of {@code featuresPerLevel} trainable values (see {@link HashGridLayout}).
     * Defaults by dimension: {@link #defaults(int)}.
     */
    record HashGrid(int levels, int featuresPerLevel, int log2TableSize, int minResolution, int maxResolution) implements EncodingSpec {
        public HashGrid {
            if (levels < 1 || levels > 32) throw new IllegalArgumentException("hash grid levels must be 1..32, got " + levels);
            if (featuresPerLevel < 1 || featuresPerLevel > 8)
                throw new IllegalArgumentException("hash grid features per level must be 1..8, got " + featuresPerLevel);
            if (log2TableSize < 2 || log2TableSize > 24)
                throw new IllegalArgumentException("hash grid log2 table size must be 2..24, got " + log2TableSize);
            if (minResolution < 1) throw new IllegalArgumentException("hash grid minimum resolution must be >= 1, got " + minResolution);
            if (maxResolution < minResolution)
                throw new IllegalArgumentException("hash grid maximum resolution " + maxResolution + " is below the minimum " + minResolution);
            if (levels == 1 && maxResolution != minResolution)
                throw new IllegalArgumentException("a one-level hash grid has one resolution: give equal minimum and maximum, got "
                        + minResolution + " and " + maxResolution);
        }

        /**
         * instant-ngp's settings: L = 16, F = 2, N_min = 16 (Müller et al. 2022, Table 1); for 3-D T = 2^19 and N_max =
         * 2048, for 2-D (images, slices) T = 2^16 and N_max = 512, the finest level about one cell per pixel of a 512² image.
         */
        public static HashGrid defaults(int inputDim) {
            return inputDim >= 3 ? new HashGrid(16, 2, 19, 16, 2048) : new HashGrid(16, 2, 16, 16, 512);
        }

        @Override public int outputDim(int inputDim) { return levels * featuresPerLevel; }
        @Override public <R> R accept(Visitor<R> v) { return v.hashGrid(this); }
    }
}
