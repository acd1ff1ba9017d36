package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldKind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Assembles complete shader sources from the classpath GLSL resources and the generated field function. */
public final class ShaderSources {
    private ShaderSources() {}

    /** A GLSL resource of this package (e.g. "tracer.glsl"). */
    public static String resource(String name) {
        try (InputStream in = ShaderSources.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing shader resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code const int KIND_<NAME> = code;} for every {@link FieldKind}: what the uniform {@code uKind} is compared with. */
    public static String kindConstants() {
        StringBuilder sb = new StringBuilder();
        for (FieldKind k : FieldKind.values()) sb.append("const int KIND_").append(k.name()).append(" = ").append(k.code()).append(";\n");
        return sb.toString();
    }

    /** The 3-D tracer ({@code render(ro, rd, hit)}) with the kind constants it compares {@code uKind} with. */
    public static String tracer() { return kindConstants() + resource("tracer.glsl"); }

    /** Full-screen triangle vertex shader. */
    public static String fullscreenVertex(String version) {
        return version + "\nvoid main() { vec2 p = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2); gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0); }\n";
    }

    /**
     * Fragment shader of the ray tracer (3-D fields) writing colour, (t, steps) and, to the third target, the unit
     * normal the shading used (zero where nothing was hit or the shading needs no normal).
     */
    public static String tracerFragment(FieldBlob blob, GlslGenerator.WeightPath path, boolean fromTexture) {
        String field = fromTexture ? "#define FIELD_FROM_TEXTURE\n" : GlslGenerator.generate(blob, path);
        return "#version 450 core\n" + field + tracer() + """
                layout(location = 0) out vec4 outColor;
                layout(location = 1) out vec2 outHit;
                layout(location = 2) out vec4 outNormal;
                void main() {
                  vec2 uv = (gl_FragCoord.xy / uResolution) * 2.0 - 1.0;
                  uv.x *= uResolution.x / uResolution.y;
                  vec3 rd = normalize(uForward + uTanHalfFov * (uv.x * uRight + uv.y * uUp));
                  vec2 hit;
                  outColor = render(uEye, rd, hit);
                  outHit = hit;
                  outNormal = vec4(traceNormal, 0.0);
                }
                """;
    }

    /**
     * Fragment shader drawing a 2-D field over the viewport on its pixel grid (CT slices through {@link SliceDisplay}'s
     * window/level and {@link ColourMap}); writes the colour and, to the second target, the field's first two outputs.
     */
    public static String imageFragment(FieldBlob blob, GlslGenerator.WeightPath path) {
        return "#version 450 core\n" + GlslGenerator.generate(blob, path) + kindConstants() + ColourMap.glsl() + resource("image.glsl") + """
                layout(location = 0) out vec4 outColor;
                layout(location = 1) out vec2 outHit;
                void main() { vec4 v = fieldAtPixel(gl_FragCoord.xy); outColor = imageColor(v); outHit = v.xy; }
                """;
    }

    /** Compute shader evaluating the field at points of an SSBO (binding 0, vec4 each) into binding 1. */
    public static String evaluatorCompute(FieldBlob blob, GlslGenerator.WeightPath path) {
        String arg = blob.spec().inputDim() == 3 ? "pin[i].xyz" : blob.spec().inputDim() == 2 ? "pin[i].xy" : "pin[i].x";
        return "#version 450 core\nlayout(local_size_x = 64) in;\n"
                + "layout(std430, binding = 0) readonly buffer Points { vec4 pin[]; };\n"
                + "layout(std430, binding = 1) writeonly buffer Values { vec4 pout[]; };\n"
                + "uniform uint uCount;\n" + GlslGenerator.generate(blob, path)
                + "void main() { uint i = gl_GlobalInvocationID.x; if (i >= uCount) return; pout[i] = field(" + arg + "); }\n";
    }

    /** Compute shader sampling a 3-D field's first output on an n³ grid over its box (cell centres) into an r32f image (binding 0). */
    public static String bakeCompute(FieldBlob blob, GlslGenerator.WeightPath path) {
        return gridCompute(blob, path, "r32f", "", "vec4(field(p).x)");
    }

    /**
     * Compute shader evaluating a 3-D field once at each cell centre of an n³ grid over its box ({@code uN},
     * {@code uBoxMin}, {@code uBoxMax}) and storing {@code value} (a GLSL vec4 of the point {@code p}, which may call
     * functions declared in {@code helpers}) into an image of the given format at binding 0.
     */
    private static String gridCompute(FieldBlob blob, GlslGenerator.WeightPath path, String format, String helpers, String value) {
        return "#version 450 core\nlayout(local_size_x = 4, local_size_y = 4, local_size_z = 4) in;\n"
                + "layout(" + format + ", binding = 0) writeonly uniform image3D uOut;\nuniform int uN;\nuniform vec3 uBoxMin, uBoxMax;\n"
                + GlslGenerator.generate(blob, path)
                + helpers + "vec4 sampled(vec3 p) { return " + value + "; }\n"
                + "void main() { ivec3 g = ivec3(gl_GlobalInvocationID); if (any(greaterThanEqual(g, ivec3(uN)))) return;\n"
                + "  imageStore(uOut, g, sampled(uBoxMin + (vec3(g) + 0.5) / float(uN) * (uBoxMax - uBoxMin))); }\n";
    }

    /**
     * Largest value the radiance bake stores: half floats end at 65504. A density of that many per field unit is opaque
     * within any step a tracer takes, so clamping changes no picture.
     */
    public static final float HALF_MAX = 65504f;

    /**
     * Compute shader sampling a radiance field (outputs density, r, g, b; a view-dependent field's {@code field(p)} gives
     * its diffuse colour, see {@link GlslGenerator}) on an n³ grid over its box (cell centres) into
     * an rgba16f image (binding 0): {@code (σ, σ·r, σ·g, σ·b)} with {@code σ = max(density, 0)} (clamped to
     * {@link #HALF_MAX}). Colour is stored weighted by density so that trilinear lookups interpolate the colour of the
     * matter, not of the empty cells beside it: the tracer divides the interpolated {@code σ·rgb} by the interpolated σ.
     */
    public static String radianceBakeCompute(FieldBlob blob, GlslGenerator.WeightPath path) {
        String m = Float.toString(HALF_MAX);
        return gridCompute(blob, path, "rgba16f", "vec4 radiance(vec4 v) { float s = clamp(v.x, 0.0, " + m
                + "); return vec4(s, clamp(s * v.yzw, vec3(-" + m + "), vec3(" + m + "))); }\n", "radiance(field(p))");
    }

    /**
     * Compute shader turning an n³ bake of values (sampler uValue, unit 0) into the direction of its gradient (rgb10_a2
     * image, binding 0, {@code 0.5 + 0.5 n}; 0.5 where the gradient vanishes): the central difference of the
     * neighbouring cells along each axis (one-sided at the box faces) over the cell size {@code uCell}.
     */
    public static String gradientCompute() {
        return """
                #version 450 core
                layout(local_size_x = 4, local_size_y = 4, local_size_z = 4) in;
                layout(rgb10_a2, binding = 0) writeonly uniform image3D uOut;
                uniform sampler3D uValue;
                uniform int uN;
                uniform vec3 uCell;
                void main() {
                  ivec3 g = ivec3(gl_GlobalInvocationID);
                  if (any(greaterThanEqual(g, ivec3(uN)))) return;
                  vec3 grad;
                  for (int k = 0; k < 3; k++) {
                    ivec3 e = ivec3(0);
                    e[k] = 1;
                    ivec3 a = max(g - e, ivec3(0)), b = min(g + e, ivec3(uN - 1));
                    grad[k] = (texelFetch(uValue, b, 0).r - texelFetch(uValue, a, 0).r) / (float(b[k] - a[k]) * uCell[k]);
                  }
                  float l = length(grad);
                  imageStore(uOut, g, vec4(0.5 + 0.5 * (l > 0.0 ? grad / l : vec3(0.0)), 1.0));
                }
                """;
    }
}
