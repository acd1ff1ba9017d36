// Ray tracer of a neural field; expects `vec4 field(vec3 p)` (or FIELD_FROM_TEXTURE) and the KIND_ constants of
// FieldKind defined above. Camera and box are in field units. uKind: KIND_SDF_SURFACE sphere tracing,
// KIND_OCCUPANCY_SURFACE marching (0.5 level), KIND_RADIANCE density + colour (outputs: density, r, g, b)
// alpha-composited front to back with early termination. A view-dependent radiance field (FIELD_VIEW_DEPENDENT,
// spherical-harmonics colour) is sampled with the ray's unit direction (fieldView); the texture path bakes its
// diffuse colour (field), so it shows the view-independent part only.
// Shading: 0 Lambert + ambient, 1 normals, 2 depth, 3 step count heat map.
// With STANDALONE defined (exported shaders) the settings are plain globals that mainImage fills in.
#ifdef STANDALONE
#define SETTING
#else
#define SETTING uniform
#endif
SETTING vec2 uResolution;
SETTING vec3 uEye, uRight, uUp, uForward;
SETTING float uTanHalfFov;
SETTING vec3 uBoxMin, uBoxMax;
SETTING float uLipschitz;
SETTING float uPixelAngle; // 2 tan(fov/2) / height: hits need d < max(1e-3 max(t, 1), half a pixel's footprint)
SETTING int uKind, uShading, uMaxSteps;
#ifdef FIELD_FROM_TEXTURE
// Texture lookups are cheap and the bake approximates the network anyway: over-relaxed sphere tracing (steps of
// 1.5 d / L; when consecutive safe spheres stop overlapping the step is retaken plainly and relaxation ends).
const float RELAX = 1.5;
// Surfaces: uVolume holds the field's value at cell centres, uGradient the direction of its gradient (0.5 + 0.5 n,
// from central differences of the values). uTextureNormals 1: the normal is the interpolated gradient direction
// (continuous across cell faces); 0: differences of the interpolated value, whose gradient jumps at every cell face
// (dark creases along the cell grid; kept for comparison).
// Radiance: uVolume holds (sigma, sigma * rgb) at cell centres; the colour is the interpolated sigma * rgb over the
// interpolated sigma (density-weighted, so the colours of empty cells do not bleed into the matter beside them).
uniform sampler3D uVolume, uGradient;
uniform int uTextureNormals;
vec4 sampleField(vec3 p, vec3 rd) {
  vec4 v = texture(uVolume, (p - uBoxMin) / (uBoxMax - uBoxMin));
  return uKind == KIND_RADIANCE ? vec4(v.x, v.yzw / max(v.x, 1e-30)) : vec4(v.x, 0.0, 0.0, 0.0);
}
vec3 bakedGradient(vec3 p) { return texture(uGradient, (p - uBoxMin) / (uBoxMax - uBoxMin)).xyz * 2.0 - 1.0; }
#else
const float RELAX = 1.0;
#ifdef FIELD_VIEW_DEPENDENT
vec4 sampleField(vec3 p, vec3 rd) { return fieldView(p, rd); }
#else
vec4 sampleField(vec3 p, vec3 rd) { return field(p); }
#endif
#ifndef STANDALONE
// Empty-space skipping for SDF fields: a coarse bake of the field (uSkip) is sphere-traced first, with texture
// lookups only, until it comes within uSkipMargin of the surface; the network takes over from there. The margin
// (L times a cell) absorbs the interpolation error of the bake: distance bounds shrink by it before each step.
uniform sampler3D uSkip;
uniform int uUseSkip;
uniform float uSkipMargin;
#define SKIP_GRID
#endif
#endif

// The unit normal render() shaded with (zero when it missed or the shading uses none): a second output for callers.
vec3 traceNormal;

vec3 heat(float x) {
  x = clamp(x, 0.0, 1.0);
  return clamp(vec3(1.5 * x, 1.5 * x - 0.5, 3.0 * x - 2.0) + vec3(0.0, 0.0, 0.4 * (1.0 - x)), 0.0, 1.0);
}

// Phases of the single loop in render(). Shader compilers inline every call of the network, so the loop evaluates
// the field at exactly one place and a small state machine chooses the point: marching, bisection (occupancy),
// then the four taps of the tetrahedral normal (the texture path reads its baked gradient instead). One inlined copy instead of eight keeps compiles short.
const int MARCH = 0, BISECT = 1, NORMAL = 2, DONE = 3;

// Colour of the ray; `hit` receives (t, steps) for surfaces (t < 0 on a miss) and (opacity, steps) for
// density fields. SDF: sphere tracing (step d / L; hit when |d| < eps; a step that lands inside, d < -eps,
// is resolved by the secant between it and the last outside point); occupancy: marching to the 0.5 level in
// uMaxSteps equal steps then 8 bisections; radiance: density + colour composited front to back at uMaxSteps
// midpoints with early termination once transmittance < 0.01.
vec4 render(vec3 ro, vec3 rd, out vec2 hit) {
  vec3 bg = vec3(0.95);
  vec3 inv = 1.0 / rd;
  vec3 t0 = (uBoxMin - ro) * inv, t1 = (uBoxMax - ro) * inv;
  float tn = max(max(min(t0.x, t1.x), min(t0.y, t1.y)), min(t0.z, t1.z));
  float tf = min(min(max(t0.x, t1.x), max(t0.y, t1.y)), max(t0.z, t1.z));
  hit = vec2(uKind == KIND_RADIANCE ? 0.0 : -1.0, 0.0);
  traceNormal = vec3(0.0);
  if (tf < max(tn, 0.0)) return vec4(uShading == 3 ? heat(0.0) : bg, 1.0);
  float t = max(tn, 0.0);
  float L = max(uLipschitz, 1.0);
  float dt = (tf - t) / float(uMaxSteps);
  float prev = t, prevV = 0.0, a = 0.0, b = 0.0, T = 1.0, tHit = -1.0;
#ifdef SKIP_GRID
  bool skip = uKind == KIND_SDF_SURFACE && uUseSkip == 1;
#endif
  vec3 c = vec3(0.0), n = vec3(0.0);
  const vec2 k = vec2(1.0, -1.0);
  const float h = 2e-3;
  bool wantNormal = uKind != KIND_RADIANCE && (uShading == 0 || uShading == 1);
  int phase = MARCH, steps = 0, sub = 0;
  float relax = RELAX;
  for (int it = 0; it < uMaxSteps + 12 && phase != DONE; it++) {
#ifdef SKIP_GRID
    // before each network step: texture-only steps while the bake is farther than the margin from the surface
    // (grazing rays that leave the surface's vicinity go back to cheap steps)
    if (skip && phase == MARCH) {
      for (int j = 0; j < 256; j++) {
        float d = textureLod(uSkip, (ro + t * rd - uBoxMin) / (uBoxMax - uBoxMin), 0.0).r;
        if (d < uSkipMargin) break;
        prev = t;
        prevV = d;
        t += max(d - uSkipMargin, 0.25 * uSkipMargin) / L;
        if (t > tf) break;
      }
      if (t > tf) break;
    }
#endif
    vec3 q;
    vec3 tap = sub == 0 ? k.xyy : sub == 1 ? k.yyx : sub == 2 ? k.yxy : k.xxx;
    if (phase == MARCH) q = ro + (uKind == KIND_RADIANCE ? t + 0.5 * dt : t) * rd;
    else if (phase == BISECT) q = ro + 0.5 * (a + b) * rd;
    else q = ro + tHit * rd + tap * h;
    vec4 v = sampleField(q, rd);
    if (phase == MARCH) {
      steps++;
      if (uKind == KIND_SDF_SURFACE) {
        float eps = max(1e-3 * max(t, 1.0), 0.5 * uPixelAngle * t);
        if (relax > 1.0 && (prevV + abs(v.x)) / L < t - prev) {
          // the over-relaxed step left the union of the two safe spheres: take the plain step instead, unrelaxed
          t = prev + prevV / L;
          relax = 1.0;
        } else if (v.x < eps) {
          tHit = v.x > -eps ? t : prev + (t - prev) * prevV / (prevV - v.x);
          phase = wantNormal ? NORMAL : DONE;
        } else { prev = t; prevV = v.x; t += relax * v.x / L; if (t > tf) phase = DONE; }
      } else if (uKind == KIND_OCCUPANCY_SURFACE) {
        if (v.x > 0.5) { a = prev; b = t; phase = BISECT; }
        else { prev = t; t += dt; }
      } else {
        float al = 1.0 - exp(-max(v.x, 0.0) * dt);
        c += T * al * v.yzw;
        T *= 1.0 - al;
        t += dt;
        if (T < 0.01) phase = DONE;
      }
      if (phase == MARCH && steps >= uMaxSteps) phase = DONE;
    } else if (phase == BISECT) {
      float m = 0.5 * (a + b);
      if (v.x > 0.5) b = m; else a = m;
      if (++sub == 8) { tHit = b; sub = 0; phase = wantNormal ? NORMAL : DONE; }
    } else {
      n += tap * v.x;
      if (++sub == 4) phase = DONE;
    }
#ifdef FIELD_FROM_TEXTURE
    if (phase == NORMAL && uTextureNormals == 1) phase = DONE; // read once after the loop (a lookup in the loop costs every step)
#endif
  }
  if (uKind == KIND_RADIANCE) {
    hit = vec2(1.0 - T, float(steps));
    return vec4(uShading == 3 ? heat(float(steps) / float(uMaxSteps)) : c + T * bg, 1.0);
  }
  hit = vec2(tHit, float(steps));
  if (uShading == 3) return vec4(heat(float(steps) / float(uMaxSteps)), 1.0);
  if (tHit < 0.0) return vec4(bg, 1.0);
  if (uShading == 2) { float z = clamp((tHit - length(uEye) + 1.5) / 3.0, 0.0, 1.0); return vec4(vec3(1.0 - z), 1.0); }
#ifdef FIELD_FROM_TEXTURE
  if (uTextureNormals == 1) n = bakedGradient(ro + tHit * rd);
#endif
  n = normalize(n);
  if (uKind == KIND_OCCUPANCY_SURFACE) n = -n; // occupancy grows inwards
  traceNormal = n;
  if (uShading == 1) return vec4(0.5 + 0.5 * n, 1.0);
  vec3 l = normalize(-0.4 * uRight + 0.6 * uUp - 0.7 * uForward);
  float lam = max(dot(n, l), 0.0);
  return vec4(vec3(0.55, 0.68, 0.85) * (0.25 + 0.75 * lam), 1.0);
}
