// A 2-D field (image, CT slice) on a quad; expects `vec4 field(vec2 p)`, the KIND_ constants and colourMap()
// (ColourMap.glsl(), generated from the coefficients the CPU twin uses).
// Pixel centres map to field points through PixelGrid (dev.fields.io.spec): the normalized coordinate is
// gl_FragCoord.xy * uGridScale + uGridOffset (rows flipped: image row 0 is the top), in [0, 1)^2 of the box; at the
// source resolution that is exactly the training point (col / W, row / H).
uniform vec3 uBoxMin, uBoxMax;
uniform vec2 uGridScale, uGridOffset;
uniform int uKind, uChannels;
// ATTENUATION_SLICE display (SliceDisplay): window > 0, level, colour map code
uniform float uWindow, uLevel;
uniform int uColourMap;
vec4 fieldAtPixel(vec2 fragCoord) {
  return field(uBoxMin.xy + (fragCoord * uGridScale + uGridOffset) * (uBoxMax.xy - uBoxMin.xy));
}
// SliceDisplay.position: a value's place on the colour map
float windowed(float v) { return clamp((v - (uLevel - 0.5 * uWindow)) / uWindow, 0.0, 1.0); }
// IMAGE_2D: grey or RGB as stored; ATTENUATION_SLICE: window/level, then the colour map
vec4 imageColor(vec4 v) {
  if (uKind == KIND_ATTENUATION_SLICE) return vec4(colourMap(uColourMap, windowed(v.x)), 1.0);
  return vec4(uChannels >= 3 ? v.xyz : vec3(v.x), 1.0);
}
