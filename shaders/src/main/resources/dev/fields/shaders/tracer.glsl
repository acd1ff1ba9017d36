// Ray tracer of a neural field; expects `vec4 field(vec3 p)` (or FIELD_FROM_TEXTURE) defined above.
// Camera and box are in field units. Modes: 0 SDF sphere tracing, 1 occupancy marching (0.5 level),
// 2 density + colour (outputs: density, r, g, b) alpha-composited front to back with early termination.
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
SETTING int uMode, uShading, uMaxSteps;
#ifdef FIELD_FROM_TEXTURE
uniform sampler3D uVolume;
float value(vec3 p) { return texture(uVolume, (p - uBoxMin) / (uBoxMax - uBoxMin)).r; }
#else
float value(vec3 p) { return field(p).x; }
#endif

vec3 normalAt(vec3 p, float h) {
  // tetrahedral differences: four evaluations
  const vec2 k = vec2(1.0, -1.0);
  return normalize(k.xyy * value(p + k.xyy * h) + k.yyx * value(p + k.yyx * h) + k.yxy * value(p + k.yxy * h) + k.xxx * value(p + k.xxx * h));
}

vec3 heat(float x) {
  x = clamp(x, 0.0, 1.0);
  return clamp(vec3(1.5 * x, 1.5 * x - 0.5, 3.0 * x - 2.0) + vec3(0.0, 0.0, 0.4 * (1.0 - x)), 0.0, 1.0);
}

// returns (t, steps); t < 0 on a miss
vec2 traceRay(vec3 ro, vec3 rd) {
  vec3 inv = 1.0 / rd;
  vec3 t0 = (uBoxMin - ro) * inv, t1 = (uBoxMax - ro) * inv;
  float tn = max(max(min(t0.x, t1.x), min(t0.y, t1.y)), min(t0.z, t1.z));
  float tf = min(min(max(t0.x, t1.x), max(t0.y, t1.y)), max(t0.z, t1.z));
  if (tf < max(tn, 0.0)) return vec2(-1.0, 0.0);
  float t = max(tn, 0.0);
  int i = 0;
  if (uMode == 0) {
    float L = max(uLipschitz, 1.0);
    for (; i < uMaxSteps; i++) {
      float d = value(ro + t * rd);
      if (d < 1e-3 * max(t, 1.0)) return vec2(t, float(i + 1));
      t += d / L;
      if (t > tf) return vec2(-1.0, float(i + 1));
    }
    return vec2(-1.0, float(i));
  }
  float dt = (tf - t) / float(uMaxSteps);
  float prev = t;
  for (; i < uMaxSteps; i++) {
    if (value(ro + t * rd) > 0.5) {
      float a = prev, b = t;
      for (int k = 0; k < 8; k++) { float m = 0.5 * (a + b); if (value(ro + m * rd) > 0.5) b = m; else a = m; }
      return vec2(b, float(i + 1));
    }
    prev = t;
    t += dt;
  }
  return vec2(-1.0, float(i));
}

#ifndef FIELD_FROM_TEXTURE
// front-to-back compositing at uMaxSteps midpoints over the box; stops once transmittance < 0.01.
// Returns (colour, opacity); steps taken in `steps`.
vec4 composite(vec3 ro, vec3 rd, out float steps) {
  vec3 inv = 1.0 / rd;
  vec3 t0 = (uBoxMin - ro) * inv, t1 = (uBoxMax - ro) * inv;
  float tn = max(max(min(t0.x, t1.x), min(t0.y, t1.y)), min(t0.z, t1.z));
  float tf = min(min(max(t0.x, t1.x), max(t0.y, t1.y)), max(t0.z, t1.z));
  steps = 0.0;
  if (tf < max(tn, 0.0)) return vec4(0.0);
  float t = max(tn, 0.0), dt = (tf - t) / float(uMaxSteps), T = 1.0;
  vec3 c = vec3(0.0);
  for (int i = 0; i < uMaxSteps; i++) {
    vec4 v = field(ro + (t + 0.5 * dt) * rd);
    float a = 1.0 - exp(-max(v.x, 0.0) * dt);
    c += T * a * v.yzw;
    T *= 1.0 - a;
    steps = float(i + 1);
    if (T < 0.01) break;
    t += dt;
  }
  return vec4(c, 1.0 - T);
}
#endif

vec4 shade(vec3 ro, vec3 rd, vec2 hit) {
  vec3 bg = vec3(0.95);
  if (uShading == 3) return vec4(heat(hit.y / float(uMaxSteps)), 1.0);
  if (hit.x < 0.0) return vec4(bg, 1.0);
  vec3 p = ro + hit.x * rd;
  if (uShading == 2) { float z = clamp((hit.x - length(uEye) + 1.5) / 3.0, 0.0, 1.0); return vec4(vec3(1.0 - z), 1.0); }
  vec3 n = normalAt(p, 2e-3);
  if (uMode == 1) n = -n; // occupancy grows inwards
  if (uShading == 1) return vec4(0.5 + 0.5 * n, 1.0);
  vec3 l = normalize(-0.4 * uRight + 0.6 * uUp - 0.7 * uForward);
  float lam = max(dot(n, l), 0.0);
  return vec4(vec3(0.55, 0.68, 0.85) * (0.25 + 0.75 * lam), 1.0);
}

