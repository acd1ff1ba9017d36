package dev.fields.geometry;

/** Triangle primitives on flat arrays: closest point, solid angle, ray hit. Triangles are 9 floats at an offset. */
final class Geometry {
    private Geometry() {}

    /**
     * Squared distance from p to the triangle at {@code t[o..o+9)}; if below {@code best}, writes the closest point
     * into {@code out}. Classifies p against the triangle's Voronoi regions (vertices, edges, face).
     */
    static double pointTriangleDist2(float[] t, int o, double px, double py, double pz, double[] out, double best) {
        double ax = t[o], ay = t[o + 1], az = t[o + 2];
        double abx = t[o + 3] - ax, aby = t[o + 4] - ay, abz = t[o + 5] - az;
        double acx = t[o + 6] - ax, acy = t[o + 7] - ay, acz = t[o + 8] - az;
        double apx = px - ax, apy = py - ay, apz = pz - az;
        double d1 = abx * apx + aby * apy + abz * apz, d2 = acx * apx + acy * apy + acz * apz;
        double u, v; // closest = a + u ab + v ac
        if (d1 <= 0 && d2 <= 0) { u = 0; v = 0; }
        else {
            double bpx = px - t[o + 3], bpy = py - t[o + 4], bpz = pz - t[o + 5];
            double d3 = abx * bpx + aby * bpy + abz * bpz, d4 = acx * bpx + acy * bpy + acz * bpz;
            double cpx = px - t[o + 6], cpy = py - t[o + 7], cpz = pz - t[o + 8];
            double d5 = abx * cpx + aby * cpy + abz * cpz, d6 = acx * cpx + acy * cpy + acz * cpz;
            double vc = d1 * d4 - d3 * d2, vb = d5 * d2 - d1 * d6, va = d3 * d6 - d5 * d4;
            if (d3 >= 0 && d4 <= d3) { u = 1; v = 0; }
            else if (d6 >= 0 && d5 <= d6) { u = 0; v = 1; }
            else if (vc <= 0 && d1 >= 0 && d3 <= 0) { u = d1 / (d1 - d3); v = 0; }
            else if (vb <= 0 && d2 >= 0 && d6 <= 0) { u = 0; v = d2 / (d2 - d6); }
            else if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) { double w = (d4 - d3) / ((d4 - d3) + (d5 - d6)); u = 1 - w; v = w; }
            else { double den = 1 / (va + vb + vc); u = vb * den; v = vc * den; }
        }
        double qx = ax + u * abx + v * acx, qy = ay + u * aby + v * acy, qz = az + u * abz + v * acz;
        double d = (px - qx) * (px - qx) + (py - qy) * (py - qy) + (pz - qz) * (pz - qz);
        if (d < best) { out[0] = qx; out[1] = qy; out[2] = qz; }
        return d;
    }

    /** Signed solid angle of the triangle seen from p (Van Oosterom and Strackee 1983); positive when it faces away. */
    static double solidAngle(float[] t, int o, double px, double py, double pz) {
        double ax = t[o] - px, ay = t[o + 1] - py, az = t[o + 2] - pz;
        double bx = t[o + 3] - px, by = t[o + 4] - py, bz = t[o + 5] - pz;
        double cx = t[o + 6] - px, cy = t[o + 7] - py, cz = t[o + 8] - pz;
        double la = Math.sqrt(ax * ax + ay * ay + az * az), lb = Math.sqrt(bx * bx + by * by + bz * bz), lc = Math.sqrt(cx * cx + cy * cy + cz * cz);
        double det = ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        double den = la * lb * lc + (ax * bx + ay * by + az * bz) * lc + (bx * cx + by * cy + bz * cz) * la + (cx * ax + cy * ay + cz * az) * lb;
        return 2 * Math.atan2(det, den);
    }

    /** Whether the ray p + s d (s > 0) crosses the triangle (Möller–Trumbore). */
    static boolean rayHitsTriangle(float[] t, int o, double px, double py, double pz, double dx, double dy, double dz) {
        double e1x = t[o + 3] - t[o], e1y = t[o + 4] - t[o + 1], e1z = t[o + 5] - t[o + 2];
        double e2x = t[o + 6] - t[o], e2y = t[o + 7] - t[o + 1], e2z = t[o + 8] - t[o + 2];
        double hx = dy * e2z - dz * e2y, hy = dz * e2x - dx * e2z, hz = dx * e2y - dy * e2x;
        double a = e1x * hx + e1y * hy + e1z * hz;
        if (Math.abs(a) < 1e-14) return false;
        double f = 1 / a;
        double sx = px - t[o], sy = py - t[o + 1], sz = pz - t[o + 2];
        double u = f * (sx * hx + sy * hy + sz * hz);
        if (u < 0 || u > 1) return false;
        double qx = sy * e1z - sz * e1y, qy = sz * e1x - sx * e1z, qz = sx * e1y - sy * e1x;
        double v = f * (dx * qx + dy * qy + dz * qz);
        if (v < 0 || u + v > 1) return false;
        return f * (e2x * qx + e2y * qy + e2z * qz) > 0;
    }
}
