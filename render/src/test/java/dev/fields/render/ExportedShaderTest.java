package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.shaders.ShaderSources;
import dev.fields.shaders.StandaloneShader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.lwjgl.opengl.GL45C.*;
import static org.lwjgl.system.MemoryUtil.*;

/** The exported standalone shaders compile with glslangValidator and render the field through our own GL path. */
class ExportedShaderTest extends GlTest {
    @TempDir Path dir;

    @Test void glsl330VariantRendersTheOctahedron() {
        FieldBlob oct = AnalyticFields.octahedron(0.7, false);
        String src = StandaloneShader.generate(oct, StandaloneShader.Target.GLSL330);
        int prog = Gl.graphics(ShaderSources.fullscreenVertex("#version 330 core"), src);
        int w = 64, h = 64;
        int tex = glCreateTextures(GL_TEXTURE_2D), fbo = glCreateFramebuffers(), vao = glCreateVertexArrays();
        glTextureStorage2D(tex, 1, GL_RGBA8, w, h);
        glNamedFramebufferTexture(fbo, GL_COLOR_ATTACHMENT0, tex, 0);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo);
        glViewport(0, 0, w, h);
        glUseProgram(prog);
        glUniform3f(glGetUniformLocation(prog, "iResolution"), w, h, 1);
        glUniform1f(glGetUniformLocation(prog, "iTime"), 0);
        glBindVertexArray(vao);
        glDrawArrays(GL_TRIANGLES, 0, 3);
        ByteBuffer px = memAlloc(4 * w * h);
        try {
            glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, px);
            int centre = px.getInt(4 * (h / 2 * w + w / 2)), corner = px.getInt(0);
            assertNotEquals(centre, corner, "the object covers the centre, the corner shows background");
            assertEquals(0xf2, corner & 0xff, "background red channel 0.95");
        } finally {
            memFree(px);
            glBindFramebuffer(GL_FRAMEBUFFER, 0);
            glDeleteProgram(prog);
        }
    }

    private static boolean hasGlslang() {
        try {
            return new ProcessBuilder("glslangValidator", "--version").redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    @Test void bothTargetsPassGlslangValidator() throws Exception {
        if (!hasGlslang()) {
            if ("true".equals(System.getenv("CI"))) fail("CI must have glslangValidator (Debian package glslang-tools)");
            assumeTrue(false, "glslangValidator not installed");
        }
        FieldBlob oct = AnalyticFields.octahedron(0.7, false);
        Path f330 = dir.resolve("field330.frag");
        Files.writeString(f330, StandaloneShader.generate(oct, StandaloneShader.Target.GLSL330));
        Path toy = dir.resolve("toy.frag");
        // Shadertoy compiles user code as GLSL ES 3.00 with these declarations in front and a main behind
        Files.writeString(toy, "#version 300 es\nprecision highp float;\nprecision highp int;\nuniform vec3 iResolution;\nuniform float iTime;\nout vec4 o;\n"
                + StandaloneShader.generate(oct, StandaloneShader.Target.SHADERTOY).replace("#define STANDALONE\n", "#define STANDALONE 1\n")
                + "void main() { mainImage(o, gl_FragCoord.xy); }\n");
        for (Path p : new Path[]{f330, toy}) {
            Process pr = new ProcessBuilder("glslangValidator", p.toString()).redirectErrorStream(true).start();
            String log = new String(pr.getInputStream().readAllBytes());
            assertTrue(pr.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, pr.exitValue(), p.getFileName() + ": " + log);
        }
    }
}
