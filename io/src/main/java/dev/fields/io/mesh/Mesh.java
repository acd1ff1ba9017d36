package dev.fields.io.mesh;

/**
 * A triangle mesh: vertex positions (x, y, z interleaved) and triangles (three vertex indices each, counter-clockwise
 * seen from outside for closed meshes).
 */
public record Mesh(float[] vertices, int[] triangles) {
    public Mesh {
        if (vertices.length % 3 != 0 || triangles.length % 3 != 0) throw new IllegalArgumentException("mesh arrays must hold triples");
    }

    public int vertexCount() { return vertices.length / 3; }

    public int triangleCount() { return triangles.length / 3; }

    /** Axis-aligned bounds: {minx, miny, minz, maxx, maxy, maxz}. */
    public double[] bounds() {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < vertices.length; i += 3)
            for (int c = 0; c < 3; c++) {
                b[c] = Math.min(b[c], vertices[i + c]);
                b[c + 3] = Math.max(b[c + 3], vertices[i + c]);
            }
        return b;
    }

    /** Total surface area. */
    public double area() {
        double a = 0;
        for (int t = 0; t < triangleCount(); t++) a += triangleArea(t);
        return a;
    }

    public double triangleArea(int t) {
        int a = 3 * triangles[3 * t], b = 3 * triangles[3 * t + 1], c = 3 * triangles[3 * t + 2];
        double ux = vertices[b] - vertices[a], uy = vertices[b + 1] - vertices[a + 1], uz = vertices[b + 2] - vertices[a + 2];
        double vx = vertices[c] - vertices[a], vy = vertices[c + 1] - vertices[a + 1], vz = vertices[c + 2] - vertices[a + 2];
        double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
        return 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
    }

    /** A copy with every vertex mapped by {@code p * scale + offset}. */
    public Mesh transformed(double scale, double[] offset) {
        float[] v = new float[vertices.length];
        for (int i = 0; i < v.length; i++) v[i] = (float) (vertices[i] * scale + offset[i % 3]);
        return new Mesh(v, triangles.clone());
    }

    /** A copy without the given triangles (e.g. to open a closed mesh in tests). */
    public Mesh withoutTriangles(java.util.function.IntPredicate drop) {
        int[] t = new int[triangles.length];
        int k = 0;
        for (int i = 0; i < triangleCount(); i++)
            if (!drop.test(i)) { t[k++] = triangles[3 * i]; t[k++] = triangles[3 * i + 1]; t[k++] = triangles[3 * i + 2]; }
        return new Mesh(vertices, java.util.Arrays.copyOf(t, k));
    }
}
