package dev.fields.shaders;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.UserError;
import dev.fields.io.spec.FieldKind;

import java.util.Locale;

/**
 * A self-contained fragment shader for a 3-D field: the generated field function with literal weights, the tracer,
 * and a {@code mainImage(out vec4, in vec2)} entry point that orbits the object with {@code iTime} (Shadertoy
 * convention). {@link Target#GLSL330} wraps it as a plain {@code #version 330 core} shader with uniforms
 * {@code iResolution} and {@code iTime}.
 */
public final class StandaloneShader {
    /** Output flavour. */
    public enum Target { SHADERTOY, GLSL330 }

    private StandaloneShader() {}

    public static String generate(FieldBlob blob, Target target) {
        var spec = blob.spec();
        FieldKind kind = FieldKind.of(spec);
        boolean exported = switch (kind) {
            case SDF_SURFACE, OCCUPANCY_SURFACE -> true;
            case RADIANCE, IMAGE_2D, ATTENUATION_SLICE -> false;
        };
        if (!exported)
            throw new UserError("standalone shaders render 3-D SDF or occupancy fields; this blob is a " + kind
                    + (spec.viewDependence().viewDependent() ? " field with " + spec.viewDependence() + " view-dependent colour" : " field with outputs " + spec.outputs())
                    + " — show it with fields render or fields view instead");
        String noTables = spec.encoding().accept(dev.fields.io.spec.EncodingSpec.Visitor.<String>of(i -> null, p -> null, g -> null,
                h -> "a standalone shader cannot carry this field's hash-grid tables (" + dev.fields.io.spec.HashGridLayout.of(h, spec.inputDim()).values()
                        + " values; Shadertoy has no storage buffers) — show it with fields render or fields view instead"));
        if (noTables != null) throw new UserError(noTables);
        double[] lo = spec.frame().boxMin(), hi = spec.frame().boxMax();
        String body = "// fields: neural field exported with its weights baked in (" + spec.parameterCount() + " parameters)\n"
                + "#define STANDALONE\n" + GlslGenerator.generate(blob, GlslGenerator.WeightPath.LITERAL) + ShaderSources.tracer()
                + String.format(Locale.ROOT, """
                void mainImage(out vec4 fragColor, in vec2 fragCoord) {
                  uResolution = iResolution.xy;
                  uBoxMin = vec3(%s, %s, %s);
                  uBoxMax = vec3(%s, %s, %s);
                  uLipschitz = %s;
                  uKind = KIND_%s;
                  uShading = 0;
                  uMaxSteps = 128;
                  uTanHalfFov = 0.41421356;
                  uPixelAngle = 2.0 * uTanHalfFov / uResolution.y;
                  float az = 0.5 + 0.3 * iTime, el = 0.35;
                  uEye = 3.2 * vec3(cos(el) * sin(az), sin(el), cos(el) * cos(az));
                  uForward = normalize(-uEye);
                  uRight = normalize(cross(uForward, vec3(0.0, 1.0, 0.0)));
                  uUp = cross(uRight, uForward);
                  vec2 uv = (fragCoord / uResolution) * 2.0 - 1.0;
                  uv.x *= uResolution.x / uResolution.y;
                  vec3 rd = normalize(uForward + uTanHalfFov * (uv.x * uRight + uv.y * uUp));
                  vec2 hit;
                  fragColor = render(uEye, rd, hit);
                }
                """, lo[0], lo[1], lo[2], hi[0], hi[1], hi[2], spec.lipschitz(), kind.name());
        if (target == Target.SHADERTOY) return body;
        return "#version 330 core\nuniform vec3 iResolution;\nuniform float iTime;\nout vec4 fieldsFragColor;\n" + body
                + "void main() { mainImage(fieldsFragColor, gl_FragCoord.xy); }\n";
    }
}
