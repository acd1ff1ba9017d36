package dev.fields.render;

import static org.lwjgl.opengl.GL45C.*;

/** Shader compilation and linking with readable errors. */
public final class Gl {
    private Gl() {}

    public static int shader(int type, String src) {
        int s = glCreateShader(type);
        glShaderSource(s, src);
        glCompileShader(s);
        if (glGetShaderi(s, GL_COMPILE_STATUS) == GL_FALSE) {
            String log = glGetShaderInfoLog(s);
            glDeleteShader(s);
            throw new IllegalStateException("shader does not compile: " + log);
        }
        return s;
    }

    public static int program(int... shaders) {
        int p = glCreateProgram();
        for (int s : shaders) glAttachShader(p, s);
        glLinkProgram(p);
        for (int s : shaders) glDeleteShader(s);
        if (glGetProgrami(p, GL_LINK_STATUS) == GL_FALSE) throw new IllegalStateException("program does not link: " + glGetProgramInfoLog(p));
        return p;
    }

    public static int graphics(String vertex, String fragment) {
        return program(shader(GL_VERTEX_SHADER, vertex), shader(GL_FRAGMENT_SHADER, fragment));
    }

    public static int compute(String src) { return program(shader(GL_COMPUTE_SHADER, src)); }
}
