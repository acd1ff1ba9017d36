// A 2-D field (image, CT slice) on a quad; expects `vec4 field(vec2 p)` and the KIND_ constants above.
// Pixel centres map to field points through PixelGrid (dev.fields.io.spec): the normalized coordinate is
// gl_FragCoord.xy * uGridScale + uGridOffset (rows flipped: image row 0 is the top), in [0, 1)^2 of the box; at the
// source resolution that is exactly the training point (col / W, row / H).
uniform vec3 uBoxMin, uBoxMax;
uniform vec2 uGridScale, uGridOffset;
uniform int uKind, uChannels;
vec3 heat(float x) {
  x = clamp(x, 0.0, 1.0);
  return clamp(vec3(1.5 * x, 1.5 * x - 0.5, 3.0 * x - 2.0) + vec3(0.0, 0.0, 0.4 * (1.0 - x)), 0.0, 1.0);
}
vec4 fieldAtPixel(vec2 fragCoord) {
  return field(uBoxMin.xy + (fragCoord * uGridScale + uGridOffset) * (uBoxMax.xy - uBoxMin.xy));
}
// IMAGE_2D: grey or RGB as stored; ATTENUATION_SLICE: the heat colour map
vec4 imageColor(vec4 v) {
  if (uKind == KIND_ATTENUATION_SLICE) return vec4(heat(v.x), 1.0);
  return vec4(uChannels >= 3 ? v.xyz : vec3(v.x), 1.0);
}
