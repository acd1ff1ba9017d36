package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.UserError;
import dev.fields.io.spec.FieldKind;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.PixelGrid;
import dev.fields.io.blob.ValueRange;
import dev.fields.shaders.GlslGenerator;
import dev.fields.shaders.ShaderSources;
import dev.fields.shaders.SliceDisplay;
import org.joml.Vector3f;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

import static org.lwjgl.opengl.GL45C.*;
import static org.lwjgl.system.MemoryUtil.*;

/**
 * Draws a field into an offscreen framebuffer (colour RGBA8 + hit information RG32F: ray distance or -1 — opacity for
 * radiance fields — and steps; for 2-D fields the first two outputs at the pixel; + the shaded unit normal RGBA32F for
 * surfaces) or the current window. The tracer
 * is chosen by the field's {@link FieldKind}: SDF_SURFACE → sphere tracing, OCCUPANCY_SURFACE → marching to the 0.5
 * level with bisection, RADIANCE → front-to-back alpha compositing with early termination, IMAGE_2D and
 * ATTENUATION_SLICE → a quad sampled on the field's {@link PixelGrid} (attenuation through the window/level and colour
 * map of a {@link SliceDisplay}: see {@link #slice()}). Weights come
 * baked into the shader (LITERAL), from an SSBO (BUFFER: {@link #upload} swaps blobs of the same shape without
 * recompiling) or from a baked 3-D texture (TEXTURE: the field sampled once per cell of a grid by a compute shader,
 * trilinear lookups while tracing with the same tracer; surfaces bake their value and gradient and take normals from
 * the interpolated gradient direction, radiance fields bake density and density-weighted colour — the diffuse colour of a
 * view-dependent field, {@link #textureNote}; 3-D fields only, see
 * {@link #textureAllowed}). A hash grid's tables are an SSBO on every path
 * (also read by the bake). Needs a current {@link GlContext}.
 */
public final class FieldRenderer implements AutoCloseable {
    /** How the field is evaluated per pixel. */
    public enum Path { LITERAL, BUFFER, TEXTURE }

    /** Shading modes. */
    public enum Shading { LAMBERT, NORMALS, DEPTH, STEPS }

    /**
     * Where the texture path's normals come from. BAKED_GRADIENT: the field's gradient, baked beside its value and
     * interpolated trilinearly (continuous across cell faces). VALUE_DIFFERENCES: differences of the interpolated value
     * (its gradient jumps at every cell face: dark creases along the grid; what the texture path drew before).
     */
    public enum TextureNormals { BAKED_GRADIENT, VALUE_DIFFERENCES }

    /**
     * One rendered frame read back: top row first; for 2-D fields {@code t} and {@code steps} hold the first two
     * outputs. {@code normals} holds three floats per pixel, the unit normal the shading used (zero on a miss, and for
     * shadings without normals: depth, steps); null for 2-D fields.
     */
    public record Frame(int width, int height, BufferedImage image, float[] t, float[] steps, float[] normals) {}

    private final FieldSpec spec;
    private final Path path;
    private final int program, vao;
    private int ssbo, gridSsbo, volume, gradient, fbo, colorTex, hitTex, normalTex, fw, fh;
    private final FieldKind kind;
    private final boolean image;
    public int maxSteps = 96;
    /** Side of the texture path's bake (cells per axis); {@link #upload} re-bakes. */
    public int volumeSize = 96;
    /** Texture path: how normals are reconstructed (a uniform: switching needs no re-bake). */
    public TextureNormals textureNormals = TextureNormals.BAKED_GRADIENT;
    /** SDF fields on the literal and buffer paths: trace a coarse CPU bake first and start the network near the surface. */
    public boolean skipEmptySpace = true;
    public int skipSize = 48;
    private int skipTex;
    private FieldBlob source;
    /** CT slices: how values are coloured; null until a frame needs it (then the blob's defaults). */
    private SliceDisplay slice;

    public FieldRenderer(FieldBlob blob, Path path) {
        this.spec = blob.spec();
        this.path = path;
        this.kind = FieldKind.of(spec);
        this.image = switch (kind) {
            case IMAGE_2D, ATTENUATION_SLICE -> true;
            case SDF_SURFACE, OCCUPANCY_SURFACE, RADIANCE -> false;
        };
        if (path == Path.TEXTURE && !textureAllowed(kind))
            throw new UserError("the baked 3-D texture samples a 3-D field on a grid; a " + kind
                    + " field is a 2-D image: draw it with the literal or buffer weight path");
        GlslGenerator.WeightPath wp = path == Path.BUFFER ? GlslGenerator.WeightPath.BUFFER : GlslGenerator.WeightPath.LITERAL;
        String frag = image ? ShaderSources.imageFragment(blob, wp) : ShaderSources.tracerFragment(blob, wp, path == Path.TEXTURE);
        program = Gl.graphics(ShaderSources.fullscreenVertex("#version 450 core"), frag);
        vao = glCreateVertexArrays();
        upload(blob);
    }

    public FieldSpec spec() { return spec; }

    /** How this renderer draws its field. */
    public FieldKind kind() { return kind; }

    /**
     * Whether a kind can be drawn from the baked 3-D texture: it samples a 3-D field on a grid (a surface's value and
     * gradient, a radiance field's density and colour); 2-D fields are drawn pixel for pixel and have nothing to bake.
     */
    public static boolean textureAllowed(FieldKind kind) {
        return switch (kind) {
            case SDF_SURFACE, OCCUPANCY_SURFACE, RADIANCE -> true;
            case IMAGE_2D, ATTENUATION_SLICE -> false;
        };
    }

    /**
     * What the texture path leaves out of this field, as one line for the user, or null when it shows everything: a
     * view-dependent radiance field's bake holds its diffuse colour {@code sigmoid(c_0 Y_0)}, as no direction is known
     * when a cell is baked.
     */
    public static String textureNote(FieldSpec spec) {
        return switch (spec.viewDependence()) {
            case NONE -> null;
            case SH1, SH2, SH3 -> "this field's colour depends on the view (" + spec.viewDependence()
                    + "): the baked texture shows its view-independent (diffuse) colour; the literal and buffer paths show the view-dependent colour";
        };
    }

    /** New weights of the same shape: buffer path uploads, texture path re-bakes; literal path needs a new renderer. */
    public void upload(FieldBlob blob) {
        source = blob;
        if (skipTex != 0) { glDeleteTextures(skipTex); skipTex = 0; }
        float[] grid = GlslGenerator.gridValues(blob);
        if (grid != null) { // hash-grid tables: an SSBO on every path (the bake below reads it too)
            if (gridSsbo == 0) gridSsbo = glCreateBuffers();
            glNamedBufferData(gridSsbo, grid, GL_STATIC_DRAW);
            glBindBufferBase(GL_SHADER_STORAGE_BUFFER, GlslGenerator.GRID_BINDING, gridSsbo);
        }
        if (path == Path.BUFFER) {
            float[] w = GlslGenerator.packWeights(blob);
            if (ssbo == 0) ssbo = glCreateBuffers();
            glNamedBufferData(ssbo, w, GL_STATIC_DRAW);
        } else if (path == Path.TEXTURE && !image) {
            bake(blob);
        }
    }

    /**
     * Bytes of the texture path's bake; 0 on the other paths. Surfaces: a float value (R32F) and a 10-bit gradient
     * direction (RGB10_A2) per cell. Radiance: density and density-weighted colour as four half floats (RGBA16F) per
     * cell.
     */
    public long textureBytes() {
        if (path != Path.TEXTURE) return 0;
        long cells = (long) volumeSize * volumeSize * volumeSize;
        return switch (kind) {
            case SDF_SURFACE, OCCUPANCY_SURFACE -> (4 + 4) * cells;
            case RADIANCE -> 4 * 2 * cells;
            case IMAGE_2D, ATTENUATION_SLICE -> 0;
        };
    }

    private void bake(FieldBlob blob) {
        if (volume != 0) glDeleteTextures(volume);
        if (gradient != 0) glDeleteTextures(gradient);
        volume = gradient = 0;
        switch (kind) {
            case SDF_SURFACE, OCCUPANCY_SURFACE -> bakeSurface(blob);
            case RADIANCE -> bakeRadiance(blob);
            case IMAGE_2D, ATTENUATION_SLICE -> throw new IllegalStateException("a " + kind + " field has no 3-D bake");
        }
    }

    /**
     * Density and density-weighted colour {@code (σ, σ·rgb)} at the n³ cell centres (one network evaluation each) in
     * an RGBA16F texture. Half floats rather than RGBA32F: half the bytes and texture traffic of the march (the same 8
     * bytes a cell as a surface's bake), and their 11-bit significand is finer than the 8-bit colour of a frame
     * (relative error 2^-11 in σ changes an opacity by less than 2e-4); densities are clamped to 65504, which is opaque
     * within any step.
     */
    private void bakeRadiance(FieldBlob blob) {
        volume = bakeGrid(ShaderSources.radianceBakeCompute(blob, GlslGenerator.WeightPath.LITERAL), GL_RGBA16F);
    }

    /** Runs a grid-sampling compute shader ({@link ShaderSources}) over a new {@code volumeSize}³ texture of that format. */
    private int bakeGrid(String shader, int format) {
        int n = volumeSize, tex = volumeTexture(n, format);
        int prog = Gl.compute(shader);
        glUseProgram(prog);
        glUniform1i(glGetUniformLocation(prog, "uN"), n);
        box(prog);
        glBindImageTexture(0, tex, 0, true, 0, GL_WRITE_ONLY, format);
        glDispatchCompute((n + 3) / 4, (n + 3) / 4, (n + 3) / 4);
        glMemoryBarrier(GL_TEXTURE_FETCH_BARRIER_BIT);
        glDeleteProgram(prog);
        return tex;
    }

    /**
     * The field's value at the n³ cell centres (one network evaluation each), then the direction of its gradient by
     * central differences of neighbouring cells in a second texture: the normals are smooth at the grid's own scale,
     * the bake costs what the value alone costs, and the march reads the value texture alone, as before.
     */
    private void bakeSurface(FieldBlob blob) {
        int n = volumeSize;
        int value = volume = bakeGrid(ShaderSources.bakeCompute(blob, GlslGenerator.WeightPath.LITERAL), GL_R32F);
        gradient = volumeTexture(n, GL_RGB10_A2);
        int grad = Gl.compute(ShaderSources.gradientCompute());
        glUseProgram(grad);
        glUniform1i(glGetUniformLocation(grad, "uN"), n);
        double[] lo = spec.frame().boxMin(), hi = spec.frame().boxMax();
        glUniform3f(glGetUniformLocation(grad, "uCell"), (float) ((hi[0] - lo[0]) / n), (float) ((hi[1] - lo[1]) / n), (float) ((hi[2] - lo[2]) / n));
        glBindTextureUnit(0, value);
        glUniform1i(glGetUniformLocation(grad, "uValue"), 0);
        glBindImageTexture(0, gradient, 0, true, 0, GL_WRITE_ONLY, GL_RGB10_A2);
        glDispatchCompute((n + 3) / 4, (n + 3) / 4, (n + 3) / 4);
        glMemoryBarrier(GL_TEXTURE_FETCH_BARRIER_BIT);
        glDeleteProgram(grad);
    }

    /** The field's first output at the centres of an n³ grid over its box (evaluated a z-slab per batch), as a 3-D texture. */
    private static int bakeOnCpu(dev.fields.shaders.FieldEvaluator ev, int n) {
        double[] lo = ev.spec().frame().boxMin(), hi = ev.spec().frame().boxMax();
        int slab = n * n, o = ev.spec().outputDim();
        float[] v = new float[n * n * n], p = new float[3 * slab];
        double[] out = new double[o * slab];
        for (int z = 0; z < n; z++) {
            for (int y = 0, k = 0; y < n; y++)
                for (int x = 0; x < n; x++, k++) {
                    p[3 * k] = (float) (lo[0] + (x + 0.5) / n * (hi[0] - lo[0]));
                    p[3 * k + 1] = (float) (lo[1] + (y + 0.5) / n * (hi[1] - lo[1]));
                    p[3 * k + 2] = (float) (lo[2] + (z + 0.5) / n * (hi[2] - lo[2]));
                }
            ev.evaluate(p, slab, out);
            for (int k = 0; k < slab; k++) v[z * slab + k] = (float) out[o * k];
        }
        int tex = volumeTexture(n, GL_R32F);
        glTextureSubImage3D(tex, 0, 0, 0, 0, n, n, n, GL_RED, GL_FLOAT, v);
        return tex;
    }

    /** An n³ float texture of the given internal format, trilinear, clamped at the box faces. */
    private static int volumeTexture(int n, int format) {
        int tex = glCreateTextures(GL_TEXTURE_3D);
        glTextureStorage3D(tex, 1, format, n, n, n);
        glTextureParameteri(tex, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTextureParameteri(tex, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        for (int p : new int[]{GL_TEXTURE_WRAP_S, GL_TEXTURE_WRAP_T, GL_TEXTURE_WRAP_R}) glTextureParameteri(tex, p, GL_CLAMP_TO_EDGE);
        return tex;
    }

    private void box(int prog) {
        double[] lo = spec.frame().boxMin(), hi = spec.frame().boxMax();
        glUniform3f(glGetUniformLocation(prog, "uBoxMin"), (float) lo[0], (float) lo[1], lo.length > 2 ? (float) lo[2] : 0f);
        glUniform3f(glGetUniformLocation(prog, "uBoxMax"), (float) hi[0], (float) hi[1], hi.length > 2 ? (float) hi[2] : 0f);
    }

    /**
     * How a CT slice is coloured: what {@link #slice(SliceDisplay)} set, else {@link #defaultSlice()} (computed once;
     * kept when {@link #upload} brings new weights).
     */
    public SliceDisplay slice() {
        requireSlice();
        if (slice == null) slice = defaultSlice();
        return slice;
    }

    /** Colours a CT slice with {@code display} from the next frame on. */
    public void slice(SliceDisplay display) {
        requireSlice();
        slice = java.util.Objects.requireNonNull(display);
    }

    /**
     * A CT slice's display before anyone adjusts it: the grey map over {@link SliceDisplay#declaredRange} of the blob
     * (the fit's recorded value range, or [0, 1] for a sigmoid head), else over the 0.5th–99.5th percentiles of the
     * field drawn once on its own pixel grid (256² when the frame has none).
     */
    public SliceDisplay defaultSlice() {
        requireSlice();
        return SliceDisplay.spanning(SliceDisplay.DEFAULT_MAP, SliceDisplay.declaredRange(source).orElseGet(this::measuredRange));
    }

    /** Applies what a user asked for over the current display (parts left null keep it); nothing asked, nothing changes. */
    public void slice(SliceDisplay.Request request) {
        if (request.isEmpty()) return;
        requireSlice();
        slice(request.map() != null && request.window() != null && request.level() != null
                ? request.over(new SliceDisplay(request.map(), request.window(), request.level())) : request.over(slice()));
    }

    private ValueRange measuredRange() {
        PixelGrid g = PixelGrid.of(spec.frame(), 256, 256);
        SliceDisplay keep = slice;
        slice = new SliceDisplay(SliceDisplay.DEFAULT_MAP, 1, 0.5); // the colours are not read, only the values
        try {
            return ValueRange.of(readBack(new OrbitCamera(), g.width(), g.height(), Shading.LAMBERT).t());
        } finally {
            slice = keep;
        }
    }

    private void requireSlice() {
        if (kind != FieldKind.ATTENUATION_SLICE)
            throw new UserError("a window/level and colour map belong to CT slices (" + FieldKind.ATTENUATION_SLICE + " fields); this is a " + kind + " field");
    }

    /** Settles what the next frame needs before any framebuffer is bound (a slice's default display draws a frame). */
    private void prepare() {
        if (kind == FieldKind.ATTENUATION_SLICE) slice();
    }

    /** Draws into the currently bound framebuffer with the given viewport size ({@link #prepare} done). */
    private void draw(OrbitCamera cam, int w, int h, Shading shading) {
        glViewport(0, 0, w, h);
        glUseProgram(program);
        glUniform2f(glGetUniformLocation(program, "uResolution"), w, h);
        box(program);
        glUniform1i(glGetUniformLocation(program, "uKind"), kind.code());
        if (image) {
            double[] a = PixelGrid.of(spec.frame(), w, h).fragmentAffine(w, h, kind.yUp());
            glUniform2f(glGetUniformLocation(program, "uGridScale"), (float) a[0], (float) a[1]);
            glUniform2f(glGetUniformLocation(program, "uGridOffset"), (float) a[2], (float) a[3]);
            glUniform1i(glGetUniformLocation(program, "uChannels"), spec.outputs().get(0).size());
            if (slice != null) {
                glUniform1f(glGetUniformLocation(program, "uWindow"), (float) slice.window());
                glUniform1f(glGetUniformLocation(program, "uLevel"), (float) slice.level());
                glUniform1i(glGetUniformLocation(program, "uColourMap"), slice.map().code());
            }
        } else {
            Vector3f eye = cam.eye(new Vector3f()), f = new Vector3f(), r = new Vector3f(), u = new Vector3f();
            cam.basis(f, r, u);
            glUniform3f(glGetUniformLocation(program, "uEye"), eye.x, eye.y, eye.z);
            glUniform3f(glGetUniformLocation(program, "uForward"), f.x, f.y, f.z);
            glUniform3f(glGetUniformLocation(program, "uRight"), r.x, r.y, r.z);
            glUniform3f(glGetUniformLocation(program, "uUp"), u.x, u.y, u.z);
            glUniform1f(glGetUniformLocation(program, "uTanHalfFov"), cam.tanHalfFov());
            glUniform1f(glGetUniformLocation(program, "uLipschitz"), (float) spec.lipschitz());
            glUniform1i(glGetUniformLocation(program, "uShading"), shading.ordinal());
            glUniform1i(glGetUniformLocation(program, "uMaxSteps"), maxSteps);
            glUniform1f(glGetUniformLocation(program, "uPixelAngle"), 2 * cam.tanHalfFov() / h);
            int useSkip = glGetUniformLocation(program, "uUseSkip");
            if (useSkip >= 0) {
                boolean on = skipEmptySpace && switch (kind) {
                    case SDF_SURFACE -> true; // distances bound the skip; other kinds give no step size
                    case OCCUPANCY_SURFACE, RADIANCE, IMAGE_2D, ATTENUATION_SLICE -> false;
                };
                glUniform1i(useSkip, on ? 1 : 0);
                if (on) {
                    if (skipTex == 0) skipTex = bakeOnCpu(new dev.fields.shaders.ReferenceFieldEvaluator(source), skipSize);
                    glBindTextureUnit(1, skipTex);
                    glUniform1i(glGetUniformLocation(program, "uSkip"), 1);
                    double cell = 0;
                    for (int k = 0; k < 3; k++) cell = Math.max(cell, (spec.frame().boxMax()[k] - spec.frame().boxMin()[k]) / skipSize);
                    glUniform1f(glGetUniformLocation(program, "uSkipMargin"), (float) (Math.max(spec.lipschitz(), 1.0) * cell));
                }
            }
            if (path == Path.TEXTURE) {
                glBindTextureUnit(0, volume);
                glUniform1i(glGetUniformLocation(program, "uVolume"), 0);
                glBindTextureUnit(2, gradient);
                glUniform1i(glGetUniformLocation(program, "uGradient"), 2);
                glUniform1i(glGetUniformLocation(program, "uTextureNormals"), textureNormals == TextureNormals.BAKED_GRADIENT ? 1 : 0);
            }
        }
        if (ssbo != 0) glBindBufferBase(GL_SHADER_STORAGE_BUFFER, GlslGenerator.WEIGHT_BINDING, ssbo);
        if (gridSsbo != 0) glBindBufferBase(GL_SHADER_STORAGE_BUFFER, GlslGenerator.GRID_BINDING, gridSsbo);
        glBindVertexArray(vao);
        glDrawArrays(GL_TRIANGLES, 0, 3);
    }

    private void target(int w, int h) {
        if (fbo != 0 && fw == w && fh == h) return;
        if (fbo != 0) { glDeleteFramebuffers(fbo); glDeleteTextures(colorTex); glDeleteTextures(hitTex); glDeleteTextures(normalTex); }
        fw = w; fh = h;
        colorTex = glCreateTextures(GL_TEXTURE_2D);
        glTextureStorage2D(colorTex, 1, GL_RGBA8, w, h);
        hitTex = glCreateTextures(GL_TEXTURE_2D);
        glTextureStorage2D(hitTex, 1, GL_RG32F, w, h);
        normalTex = glCreateTextures(GL_TEXTURE_2D);
        glTextureStorage2D(normalTex, 1, GL_RGBA32F, w, h);
        fbo = glCreateFramebuffers();
        glNamedFramebufferTexture(fbo, GL_COLOR_ATTACHMENT0, colorTex, 0);
        glNamedFramebufferTexture(fbo, GL_COLOR_ATTACHMENT1, hitTex, 0);
        glNamedFramebufferTexture(fbo, GL_COLOR_ATTACHMENT2, normalTex, 0);
        normalsWritten = true;
        writeNormals(false);
        if (glCheckNamedFramebufferStatus(fbo, GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) throw new IllegalStateException("framebuffer incomplete");
    }

    private boolean normalsWritten;

    /** Whether frames write the normal target (only read-backs need it: the extra float target costs draw time). */
    private void writeNormals(boolean on) {
        if (on == normalsWritten) return;
        normalsWritten = on;
        glNamedFramebufferDrawBuffers(fbo, on ? new int[]{GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1, GL_COLOR_ATTACHMENT2}
                : new int[]{GL_COLOR_ATTACHMENT0, GL_COLOR_ATTACHMENT1, GL_NONE});
    }

    /** Renders at 1/div of the window size offscreen and stretches it over the default framebuffer (interactive use). */
    public void drawToWindow(OrbitCamera cam, int w, int h, int div, Shading shading) {
        prepare();
        int lw = Math.max(1, w / div), lh = Math.max(1, h / div);
        target(lw, lh);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        draw(cam, lw, lh, shading);
        glNamedFramebufferReadBuffer(fbo, GL_COLOR_ATTACHMENT0);
        glBlitNamedFramebuffer(fbo, 0, 0, 0, lw, lh, 0, 0, w, h, GL_COLOR_BUFFER_BIT, div > 1 ? GL_LINEAR : GL_NEAREST);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
    }

    /** Renders offscreen and waits for the GPU, without reading back: what a frame costs the viewer. */
    public void drawOffscreen(OrbitCamera cam, int w, int h, Shading shading) {
        prepare();
        target(w, h);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        draw(cam, w, h, shading);
        glFinish();
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
    }

    /** Renders offscreen and reads the frame back. */
    public Frame render(OrbitCamera cam, int w, int h, Shading shading) {
        prepare();
        return readBack(cam, w, h, shading);
    }

    private Frame readBack(OrbitCamera cam, int w, int h, Shading shading) {
        target(w, h);
        writeNormals(!image);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        draw(cam, w, h, shading);
        writeNormals(false);
        ByteBuffer px = memAlloc(4 * w * h);
        FloatBuffer hit = memAllocFloat(2 * w * h);
        FloatBuffer nrm = image ? null : memAllocFloat(4 * w * h);
        try {
            glNamedFramebufferReadBuffer(fbo, GL_COLOR_ATTACHMENT0);
            glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px);
            glNamedFramebufferReadBuffer(fbo, GL_COLOR_ATTACHMENT1);
            glReadPixels(0, 0, w, h, GL_RG, GL_FLOAT, hit);
            if (nrm != null) {
                glNamedFramebufferReadBuffer(fbo, GL_COLOR_ATTACHMENT2);
                glReadPixels(0, 0, w, h, GL_RGBA, GL_FLOAT, nrm);
            }
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            float[] t = new float[w * h], steps = new float[w * h], normals = nrm == null ? null : new float[3 * w * h];
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    int src = (h - 1 - y) * w + x; // GL rows start at the bottom
                    img.setRGB(x, y, (px.get(4 * src) & 255) << 16 | (px.get(4 * src + 1) & 255) << 8 | (px.get(4 * src + 2) & 255));
                    t[y * w + x] = hit.get(2 * src);
                    steps[y * w + x] = hit.get(2 * src + 1);
                    if (normals != null) for (int c = 0; c < 3; c++) normals[3 * (y * w + x) + c] = nrm.get(4 * src + c);
                }
            return new Frame(w, h, img, t, steps, normals);
        } finally {
            memFree(px);
            memFree(hit);
            if (nrm != null) memFree(nrm);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
        }
    }

    /** Blocks until the GPU finished (for timing). */
    public static void finish() { glFinish(); }

    @Override public void close() {
        glDeleteProgram(program);
        glDeleteVertexArrays(vao);
        if (ssbo != 0) glDeleteBuffers(ssbo);
        if (gridSsbo != 0) glDeleteBuffers(gridSsbo);
        if (volume != 0) glDeleteTextures(volume);
        if (gradient != 0) glDeleteTextures(gradient);
        if (skipTex != 0) glDeleteTextures(skipTex);
        if (fbo != 0) { glDeleteFramebuffers(fbo); glDeleteTextures(colorTex); glDeleteTextures(hitTex); glDeleteTextures(normalTex); }
    }
}
