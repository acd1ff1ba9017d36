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
 * </ul>
 * Consumers branch on the variant through {@link #accept(Visitor)}, never {@code instanceof}: a new variant then fails
 * to compile wherever it is not handled.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EncodingSpec.Identity.class, name = "identity"),
        @JsonSubTypes.Type(value = EncodingSpec.Positional.class, name = "positional"),
        @JsonSubTypes.Type(value = EncodingSpec.GaussianFourier.class, name = "fourier")})
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

        /** A visitor from one function per variant (all required, so a new variant breaks every call site). */
        static <R> Visitor<R> of(Function<Identity, R> identity, Function<Positional, R> positional,
                                 Function<GaussianFourier, R> fourier) {
            return new Visitor<>() {
                @Override public R identity(Identity e) { return identity.apply(e); }
                @Override public R positional(Positional e) { return positional.apply(e); }
                @Override public R fourier(GaussianFourier e) { return fourier.apply(e); }
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
}
