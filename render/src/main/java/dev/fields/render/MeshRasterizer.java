package dev.fields.render;

import dev.fields.io.mesh.Mesh;
import dev.fields.ray.PinholeCamera;

import java.nio.FloatBuffer;

import static org.lwjgl.opengl.GL45C.*;
import static org.lwjgl.system.MemoryUtil.*;

/**
 * Draws a triangle mesh with per-vertex colours through OpenGL's rasterizer, as a {@link PinholeCamera} sees it, into
 * an offscreen RGBA image with alpha 0 where no triangle covers the pixel. The projection matches the camera's rays
 * exactly (pixel centres at half-integers, principal point and focal lengths in pixels), so a world point lands where
 * {@link PinholeCamera#project} says. Shading is Lambert under one light fixed in the world
 * ({@link #LIGHT}, with ambient {@link #AMBIENT}; back faces shaded with their flipped normal), so a surface point
 * has the same colour from every view: a view-independent radiance field. With a specular weight K &gt; 0 a white
 * Blinn–Phong highlight under the same fixed light is added, {@code K · max(n·h, 0)^}{@value #SHININESS} with
 * {@code h = normalize(l + v)}, v towards the camera, on surfaces that face the light ({@code n·l > 0}): the highlight
 * moves over the object as the camera does, a view-dependent radiance field. K = 0 draws exactly what it drew
 * before (the shader skips the term). Anti-aliasing by supersampling: each
 * pixel is the box average of {@code supersample²} samples, colours averaged with alpha weights (premultiplied)
 * and stored un-premultiplied, so compositing the result over a background gives the coverage-weighted colour.
 * Needs a current {@link GlContext}.
 */
public final class MeshRasterizer implements AutoCloseable {
    /** Direction towards the light, world coordinates (normalized in the shader). */
    public static final float[] LIGHT = {0.35f, 1f, 0.6f};
    public static final float AMBIENT = 0.35f;
    /** Blinn–Phong exponent of the specular highlight. */
    public static final int SHININESS = 32;

    private static final String VERTEX = """
            #version 450 core
            layout(location = 0) in vec3 aPos;
            layout(location = 1) in vec3 aNormal;
            layout(location = 2) in vec3 aColour;
            uniform mat4 uClip;
            out vec3 vNormal;
            out vec3 vColour;
            out vec3 vPos;
            void main() {
                vNormal = aNormal;
                vColour = aColour;
                vPos = aPos;
                gl_Position = uClip * vec4(aPos, 1.0);
            }
            """;
    private static final String FRAGMENT = """
            #version 450 core
            const float SHININESS = SHININESS_VALUE;
            in vec3 vNormal;
            in vec3 vColour;
            in vec3 vPos;
            uniform vec3 uLight;
            uniform float uAmbient;
            uniform float uSpecular;
            uniform vec3 uEye;
            out vec4 fragColour;
            void main() {
                vec3 n = normalize(vNormal);
                if (!gl_FrontFacing) n = -n;
                float shade = uAmbient + (1.0 - uAmbient) * max(dot(n, normalize(uLight)), 0.0);
                fragColour = vec4(vColour * shade, 1.0);
                if (uSpecular > 0.0 && dot(n, normalize(uLight)) > 0.0) {
                    vec3 h = normalize(normalize(uLight) + normalize(uEye - vPos));
                    fragColour.rgb += vec3(uSpecular * pow(max(dot(n, h), 0.0), SHININESS));
                }
            }
            """;

    private final int program, vao, vbo, ebo, indices;
    private int fbo, colourTex, depthRb, fw, fh;
    private final double radius;
    private final double[] centre;

    /** Uploads the mesh with one RGB colour per vertex ({@code 3 × vertexCount} values in [0, 1]). */
    public MeshRasterizer(Mesh mesh, float[] vertexColours) {
        if (vertexColours.length != mesh.vertices().length) throw new IllegalArgumentException("one RGB colour per vertex");
        float[] normals = vertexNormals(mesh);
        int n = mesh.vertexCount();
        float[] inter = new float[9 * n];
        float[] v = mesh.vertices();
        for (int i = 0; i < n; i++)
            for (int c = 0; c < 3; c++) {
                inter[9 * i + c] = v[3 * i + c];
                inter[9 * i + 3 + c] = normals[3 * i + c];
                inter[9 * i + 6 + c] = vertexColours[3 * i + c];
            }
        double[] b = mesh.bounds();
        centre = new double[]{(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
        double r = 0;
        for (int i = 0; i < n; i++) {
            double dx = v[3 * i] - centre[0], dy = v[3 * i + 1] - centre[1], dz = v[3 * i + 2] - centre[2];
            r = Math.max(r, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
        radius = r;
        program = Gl.graphics(VERTEX, FRAGMENT.replace("SHININESS_VALUE", SHININESS + ".0"));
        vao = glCreateVertexArrays();
        vbo = glCreateBuffers();
        glNamedBufferData(vbo, inter, GL_STATIC_DRAW);
        ebo = glCreateBuffers();
        glNamedBufferData(ebo, mesh.triangles(), GL_STATIC_DRAW);
        indices = mesh.triangles().length;
        glVertexArrayVertexBuffer(vao, 0, vbo, 0, 9 * Float.BYTES);
        glVertexArrayElementBuffer(vao, ebo);
        for (int a = 0; a < 3; a++) {
            glEnableVertexArrayAttrib(vao, a);
            glVertexArrayAttribFormat(vao, a, 3, GL_FLOAT, false, 3 * a * Float.BYTES);
            glVertexArrayAttribBinding(vao, a, 0);
        }
    }

    /** Area-weighted vertex normals (unit; zero for vertices of degenerate triangles only). */
    static float[] vertexNormals(Mesh m) {
        float[] v = m.vertices();
        double[] acc = new double[v.length];
        int[] t = m.triangles();
        for (int i = 0; i < t.length; i += 3) {
            int a = 3 * t[i], b = 3 * t[i + 1], c = 3 * t[i + 2];
            double ux = v[b] - v[a], uy = v[b + 1] - v[a + 1], uz = v[b + 2] - v[a + 2];
            double wx = v[c] - v[a], wy = v[c + 1] - v[a + 1], wz = v[c + 2] - v[a + 2];
            double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx; // twice the area, outward for CCW
            for (int k : new int[]{a, b, c}) { acc[k] += nx; acc[k + 1] += ny; acc[k + 2] += nz; }
        }
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i += 3) {
            double len = Math.sqrt(acc[i] * acc[i] + acc[i + 1] * acc[i + 1] + acc[i + 2] * acc[i + 2]);
            if (len > 0) for (int c = 0; c < 3; c++) out[i + c] = (float) (acc[i + c] / len);
        }
        return out;
    }

    /**
     * The clip-space matrix (row-major) of a camera: OpenGL's projection for its intrinsics times the inverse of its
     * pose. Window x equals the image's u and window y = height − v, so pixel centres coincide with the camera's.
     */
    static double[] clipMatrix(PinholeCamera cam, double near, double far) {
        double w = cam.width(), h = cam.height();
        double[] p = {
                2 * cam.fx() / w, 0, 1 - 2 * cam.cx() / w, 0,
                0, 2 * cam.fy() / h, 2 * cam.cy() / h - 1, 0,
                0, 0, -(far + near) / (far - near), -2 * far * near / (far - near),
                0, 0, -1, 0};
        double[] c = cam.cameraToWorld(); // 3 × 4: world-to-camera is [Rᵀ | −Rᵀ t]
        double[] view = new double[16];
        for (int r = 0; r < 3; r++) {
            double tr = 0;
            for (int k = 0; k < 3; k++) {
                view[4 * r + k] = c[4 * k + r];
                tr -= c[4 * k + r] * c[4 * k + 3];
            }
            view[4 * r + 3] = tr;
        }
        view[15] = 1;
        double[] out = new double[16];
        for (int r = 0; r < 4; r++)
            for (int k = 0; k < 4; k++) {
                double s = 0;
                for (int j = 0; j < 4; j++) s += p[4 * r + j] * view[4 * j + k];
                out[4 * r + k] = s;
            }
        return out;
    }

    /** {@link #render(PinholeCamera, int, double)} without a specular highlight. */
    public float[] render(PinholeCamera cam, int supersample) { return render(cam, supersample, 0); }

    /**
     * Renders the view of {@code cam} and returns straight (un-premultiplied) RGBA, 4 floats per pixel, row 0 at the top,
     * with a white specular highlight of weight {@code specular} (0: none; colours may then exceed 1, the caller clamps).
     * The depth range is the mesh's bounding sphere as seen from the camera.
     */
    public float[] render(PinholeCamera cam, int supersample, double specular) {
        if (!(specular >= 0) || Double.isInfinite(specular)) throw new IllegalArgumentException("specular weight must be a finite number >= 0, got " + specular);
        if (supersample < 1) throw new IllegalArgumentException("supersampling factor must be at least 1");
        int w = cam.width(), h = cam.height(), sw = w * supersample, sh = h * supersample;
        double[] pose = cam.cameraToWorld();
        double dx = pose[3] - centre[0], dy = pose[7] - centre[1], dz = pose[11] - centre[2];
        double dist = Math.sqrt(dx * dx + dy * dy + dz * dz), margin = 1.05 * radius + 1e-6;
        double far = dist + margin, near = Math.max(dist - margin, far * 1e-4);
        PinholeCamera big = new PinholeCamera(cam.fx() * supersample, cam.fy() * supersample, cam.cx() * supersample, cam.cy() * supersample, sw, sh, pose);
        target(sw, sh);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, sw, sh);
        glClearColor(0, 0, 0, 0);
        glClearDepth(1);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LESS);
        glDisable(GL_CULL_FACE);
        glUseProgram(program);
        double[] m = clipMatrix(big, near, far);
        float[] mf = new float[16];
        for (int i = 0; i < 16; i++) mf[i] = (float) m[i];
        glUniformMatrix4fv(glGetUniformLocation(program, "uClip"), true, mf);
        glUniform3f(glGetUniformLocation(program, "uLight"), LIGHT[0], LIGHT[1], LIGHT[2]);
        glUniform1f(glGetUniformLocation(program, "uAmbient"), AMBIENT);
        glUniform1f(glGetUniformLocation(program, "uSpecular"), (float) specular);
        glUniform3f(glGetUniformLocation(program, "uEye"), (float) pose[3], (float) pose[7], (float) pose[11]);
        glBindVertexArray(vao);
        glDrawElements(GL_TRIANGLES, indices, GL_UNSIGNED_INT, 0);
        FloatBuffer px = memAllocFloat(4 * sw * sh);
        try {
            glNamedFramebufferReadBuffer(fbo, GL_COLOR_ATTACHMENT0);
            glReadPixels(0, 0, sw, sh, GL_RGBA, GL_FLOAT, px);
            float[] out = new float[4 * w * h];
            double norm = 1.0 / (supersample * supersample);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) {
                    double r = 0, g = 0, b = 0, a = 0;
                    for (int sy = 0; sy < supersample; sy++) {
                        int row = sh - 1 - (y * supersample + sy); // GL rows start at the bottom
                        for (int sx = 0; sx < supersample; sx++) {
                            int i = 4 * (row * sw + x * supersample + sx);
                            double al = px.get(i + 3);
                            r += px.get(i) * al; g += px.get(i + 1) * al; b += px.get(i + 2) * al; a += al;
                        }
                    }
                    int o = 4 * (y * w + x);
                    if (a > 0) { out[o] = (float) (r / a); out[o + 1] = (float) (g / a); out[o + 2] = (float) (b / a); }
                    out[o + 3] = (float) (a * norm);
                }
            return out;
        } finally {
            memFree(px);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            glDisable(GL_DEPTH_TEST);
        }
    }

    /** Centre of the mesh's bounding box and the radius of the smallest ball around it holding every vertex. */
    public double[] centre() { return centre.clone(); }
    public double radius() { return radius; }

    private void target(int w, int h) {
        if (fbo != 0 && fw == w && fh == h) return;
        if (fbo != 0) { glDeleteFramebuffers(fbo); glDeleteTextures(colourTex); glDeleteRenderbuffers(depthRb); }
        fw = w; fh = h;
        colourTex = glCreateTextures(GL_TEXTURE_2D);
        glTextureStorage2D(colourTex, 1, GL_RGBA16F, w, h);
        depthRb = glCreateRenderbuffers();
        glNamedRenderbufferStorage(depthRb, GL_DEPTH_COMPONENT24, w, h);
        fbo = glCreateFramebuffers();
        glNamedFramebufferTexture(fbo, GL_COLOR_ATTACHMENT0, colourTex, 0);
        glNamedFramebufferRenderbuffer(fbo, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depthRb);
        glNamedFramebufferDrawBuffer(fbo, GL_COLOR_ATTACHMENT0);
        if (glCheckNamedFramebufferStatus(fbo, GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE) throw new IllegalStateException("framebuffer incomplete");
    }

    @Override public void close() {
        glDeleteProgram(program);
        glDeleteVertexArrays(vao);
        glDeleteBuffers(vbo);
        glDeleteBuffers(ebo);
        if (fbo != 0) { glDeleteFramebuffers(fbo); glDeleteTextures(colourTex); glDeleteRenderbuffers(depthRb); }
    }
}
