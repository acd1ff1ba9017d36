/**
 * The ray layer shared by CT reconstruction and inverse rendering: batches of rays ({@link dev.fields.ray.Rays}, from
 * CT scan geometries or from posed photographs' pinhole cameras, {@link dev.fields.ray.PinholeCamera}),
 * samples along them ({@link dev.fields.ray.StratifiedSampler} into {@link dev.fields.ray.Samples}), and the two
 * integrators with their gradients, {@link dev.fields.ray.LineIntegral} (projections) and
 * {@link dev.fields.ray.AlphaCompositor} (volume rendering). Plain Java on flat, row-major float arrays (double
 * accumulation); the hot paths allocate nothing, writing into caller-owned arrays or reusable buffers.
 *
 * <p>Conventions:
 * <ul>
 *   <li>Directions are unit length (normalized on entry), so the ray distance t, the interval {@code [near, far]} and
 *       the segment lengths δ are all in field units (the coordinates the field is evaluated at).</li>
 *   <li>Intervals start at t ≥ 0 and are clipped to the field's box by the slab method; a ray whose clipped interval is
 *       empty (it misses the box, or the box is behind it) is flagged and gets {@code near = 0 > far = −1}. Samplers
 *       give such a ray zero-length segments at its origin, so it contributes nothing to either integral (a composited
 *       miss shows the background) and receives zero gradient.</li>
 *   <li>The interval is split into k equal bins of width δ = (far − near) / k; sample i sits at the midpoint
 *       {@code near + (i + ½) δ} (or uniformly in its bin when jittered) and stands for a segment of length δ.</li>
 *   <li>Compositing terminates once the transmittance falls below 0.01: the sample that takes it below still counts,
 *       the remaining transmittance multiplies the background, and the opacity is 1 − T.</li>
 * </ul>
 * The GLSL tracer ({@code dev/fields/shaders/tracer.glsl}, mode 2) and {@code dev.fields.render.CpuTracer} follow the
 * same rules (box clip from t = 0, k midpoint samples, termination at 0.01, background times the remaining
 * transmittance), so a field composited here and rendered by them agree (tested in the render module).
 * Depends on nothing of ours.
 */
package dev.fields.ray;
