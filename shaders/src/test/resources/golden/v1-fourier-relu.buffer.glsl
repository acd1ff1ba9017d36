layout(std430, binding = 3) readonly buffer FieldWeights { vec4 fw[]; };
vec4 field(vec2 p) {
  vec4 e[2];
  float t[4];
  t[0] = 6.283185307179586 * (0.248427451 * p.x + 0.731275022 * p.y);
  t[1] = 6.283185307179586 * (1.02180505 * p.x + 0.104175411 * p.y);
  t[2] = 6.283185307179586 * (0.136265188 * p.x + -0.140268236 * p.y);
  t[3] = 6.283185307179586 * (0.798517346 * p.x + 0.196869105 * p.y);
  e[0] = vec4(cos(t[0]), cos(t[1]), cos(t[2]), cos(t[3]));
  e[1] = vec4(sin(t[0]), sin(t[1]), sin(t[2]), sin(t[3]));
  vec4 h0[2];
  h0[0] = max(fw[0]
    + mat4(fw[1], fw[2], fw[3], fw[4]) * e[0]
    + mat4(fw[5], fw[6], fw[7], fw[8]) * e[1], 0.0);
  h0[1] = max(fw[9]
    + mat4(fw[10], fw[11], fw[12], fw[13]) * e[0]
    + mat4(fw[14], fw[15], fw[16], fw[17]) * e[1], 0.0);
  vec4 h1[2];
  h1[0] = max(fw[18]
    + mat4(fw[19], fw[20], fw[21], fw[22]) * h0[0]
    + mat4(fw[23], fw[24], fw[25], fw[26]) * h0[1], 0.0);
  h1[1] = max(fw[27]
    + mat4(fw[28], fw[29], fw[30], fw[31]) * h0[0]
    + mat4(fw[32], fw[33], fw[34], fw[35]) * h0[1], 0.0);
  vec4 h2[1];
  h2[0] = fw[36]
    + mat4(fw[37], fw[38], fw[39], fw[40]) * h1[0]
    + mat4(fw[41], fw[42], fw[43], fw[44]) * h1[1];
  vec4 r = h2[0];
  r.x = 1.0 / (1.0 + exp(-r.x));
  r.y = 1.0 / (1.0 + exp(-r.y));
  r.z = 1.0 / (1.0 + exp(-r.z));
  return r;
}
