// A 2-D field (image, CT slice) on a quad; expects `vec4 field(vec2 p)` above. One channel gets a colour map.
uniform vec2 uResolution;
uniform vec3 uBoxMin, uBoxMax;
uniform int uChannels, uColormap;
vec3 heat(float x) {
  x = clamp(x, 0.0, 1.0);
  return clamp(vec3(1.5 * x, 1.5 * x - 0.5, 3.0 * x - 2.0) + vec3(0.0, 0.0, 0.4 * (1.0 - x)), 0.0, 1.0);
}
// uv has y up (GL); image frames have row 0 at the top, so y is flipped
vec4 imageColor(vec2 uv) {
  vec4 v = field(uBoxMin.xy + vec2(uv.x, 1.0 - uv.y) * (uBoxMax.xy - uBoxMin.xy));
  if (uChannels >= 3) return vec4(v.xyz, 1.0);
  return vec4(uColormap == 1 ? heat(v.x) : vec3(v.x), 1.0);
}
