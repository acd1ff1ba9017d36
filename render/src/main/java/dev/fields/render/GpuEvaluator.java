package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.shaders.GlslGenerator;
import dev.fields.shaders.ShaderSources;

import java.nio.FloatBuffer;

import static org.lwjgl.opengl.GL45C.*;
import static org.lwjgl.system.MemoryUtil.*;

/** Evaluates a field at many points with a compute shader (parity tests against the Java reference evaluator). */
public final class GpuEvaluator {
    private GpuEvaluator() {}

    /** Outputs after heads, 4 per point (unused components 0), for {@code n} points of {@code inputDim} coordinates each. */
    public static float[] evaluate(FieldBlob blob, GlslGenerator.WeightPath path, float[] xs, int n) {
        int d = blob.spec().inputDim();
        int prog = Gl.compute(ShaderSources.evaluatorCompute(blob, path));
        int in = glCreateBuffers(), out = glCreateBuffers(), w = 0, grid = 0;
        FloatBuffer pts = memAllocFloat(4 * n);
        FloatBuffer res = memAllocFloat(4 * n);
        try {
            for (int i = 0; i < n; i++) for (int c = 0; c < 4; c++) pts.put(4 * i + c, c < d ? xs[d * i + c] : 0f);
            glNamedBufferData(in, pts, GL_STATIC_DRAW);
            glNamedBufferData(out, 16L * n, GL_DYNAMIC_READ);
            glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 0, in);
            glBindBufferBase(GL_SHADER_STORAGE_BUFFER, 1, out);
            if (path == GlslGenerator.WeightPath.BUFFER) {
                w = glCreateBuffers();
                glNamedBufferData(w, GlslGenerator.packWeights(blob), GL_STATIC_DRAW);
                glBindBufferBase(GL_SHADER_STORAGE_BUFFER, GlslGenerator.WEIGHT_BINDING, w);
            }
            float[] tables = GlslGenerator.gridValues(blob);
            if (tables != null) {
                grid = glCreateBuffers();
                glNamedBufferData(grid, tables, GL_STATIC_DRAW);
                glBindBufferBase(GL_SHADER_STORAGE_BUFFER, GlslGenerator.GRID_BINDING, grid);
            }
            glUseProgram(prog);
            glUniform1ui(glGetUniformLocation(prog, "uCount"), n);
            glDispatchCompute((n + 63) / 64, 1, 1);
            glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
            glGetNamedBufferSubData(out, 0, res);
            float[] o = new float[4 * n];
            res.get(0, o);
            return o;
        } finally {
            memFree(pts);
            memFree(res);
            glDeleteBuffers(in);
            glDeleteBuffers(out);
            if (w != 0) glDeleteBuffers(w);
            if (grid != 0) glDeleteBuffers(grid);
            glDeleteProgram(prog);
        }
    }
}
