package dev.fields.io.scene;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.io.UserError;

/**
 * Camera-to-world matrices as the scene files store them: 4 × 4, row-major, the camera's axes in the upper 3 × 3
 * columns (OpenGL's: the camera looks down its −Z axis, +Y up, +X right) and its position in the last column. A pose
 * is accepted only when it is rigid: every entry finite, the rotation part orthonormal within {@link #TOLERANCE}
 * (‖RᵀR − I‖ entrywise) with determinant +1 (a mirror is refused), and the last row {@code 0 0 0 1} within the same
 * tolerance.
 */
public final class CameraPose {
    /** Largest entry of |RᵀR − I| and of |last row − (0 0 0 1)| accepted. */
    public static final double TOLERANCE = 1e-3;

    private CameraPose() {}

    /** Reads a {@code transform_matrix}: a list of 4 lists of 4 numbers; {@code where} names the frame in messages. */
    static double[] read(JsonNode m, String where) {
        if (m == null || m.isNull()) throw new UserError(where + " has no \"transform_matrix\" — give each frame its 4×4 camera-to-world matrix");
        if (!m.isArray() || m.size() != 4)
            throw new UserError(where + ": \"transform_matrix\" is " + shape(m) + ", not 4×4 — give 4 rows of 4 numbers (camera-to-world)");
        double[] out = new double[16];
        for (int r = 0; r < 4; r++) {
            JsonNode row = m.get(r);
            if (!row.isArray() || row.size() != 4)
                throw new UserError(where + ": \"transform_matrix\" row " + r + " is " + shape(row) + ", not 4 numbers — give 4 rows of 4 numbers (camera-to-world)");
            for (int c = 0; c < 4; c++) {
                JsonNode v = row.get(c);
                if (!v.isNumber()) throw new UserError(where + ": \"transform_matrix\"[" + r + "][" + c + "] is " + TransformsFile.brief(v) + ", not a number — give 4 rows of 4 numbers");
                out[4 * r + c] = v.asDouble();
            }
        }
        requireRigid(out, where);
        return out;
    }

    /** Throws a one-line {@link UserError} naming {@code where} unless {@code m} (16 values, row-major) is a rigid pose. */
    public static void requireRigid(double[] m, String where) {
        if (m.length != 16) throw new IllegalArgumentException("a pose has 16 entries, not " + m.length);
        for (int i = 0; i < 16; i++)
            if (!Double.isFinite(m[i]))
                throw new UserError(where + ": \"transform_matrix\"[" + i / 4 + "][" + i % 4 + "] is " + m[i] + " — every entry of a camera matrix must be a finite number");
        double[] last = {0, 0, 0, 1};
        for (int c = 0; c < 4; c++)
            if (Math.abs(m[12 + c] - last[c]) > TOLERANCE)
                throw new UserError(where + ": \"transform_matrix\"'s last row is [" + m[12] + ", " + m[13] + ", " + m[14] + ", " + m[15]
                        + "], not [0, 0, 0, 1] — give a camera-to-world matrix (rotation and translation only)");
        double worst = 0;
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) {
                double dot = 0;
                for (int k = 0; k < 3; k++) dot += m[4 * k + a] * m[4 * k + b];
                worst = Math.max(worst, Math.abs(dot - (a == b ? 1 : 0)));
            }
        if (worst > TOLERANCE)
            throw new UserError(where + ": \"transform_matrix\"'s rotation part is not orthonormal (columns off by " + String.format(java.util.Locale.ROOT, "%.3g", worst)
                    + ", tolerance " + TOLERANCE + ") — give a rigid camera-to-world matrix without scale or shear");
        if (determinant(m) < 0)
            throw new UserError(where + ": \"transform_matrix\"'s rotation part is a reflection (determinant −1) — give a right-handed camera-to-world matrix");
    }

    /** Determinant of the upper 3 × 3 of a row-major 4 × 4. */
    static double determinant(double[] m) {
        return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /** The camera's position: the last column. */
    public static double[] position(double[] m) { return new double[]{m[3], m[7], m[11]}; }

    /** The unit direction the camera looks along: minus its third column. */
    public static double[] viewDirection(double[] m) {
        double x = -m[2], y = -m[6], z = -m[10], n = Math.sqrt(x * x + y * y + z * z);
        return new double[]{x / n, y / n, z / n};
    }

    /**
     * The camera-to-world matrix (row-major) of a camera at {@code eye} looking at {@code target}, its +Y axis as
     * close to {@code up} as the view allows (OpenGL axes: the camera's −Z points at the target). When the view is
     * parallel to {@code up}, the camera's +Y is the world axis least aligned with the view instead.
     */
    public static double[] lookAt(double[] eye, double[] target, double[] up) {
        double[] f = unit(new double[]{target[0] - eye[0], target[1] - eye[1], target[2] - eye[2]});
        double[] r = cross(f, up);
        if (norm(r) < 1e-9 * norm(up)) {
            int k = Math.abs(f[0]) <= Math.abs(f[1]) && Math.abs(f[0]) <= Math.abs(f[2]) ? 0 : Math.abs(f[1]) <= Math.abs(f[2]) ? 1 : 2;
            double[] e = new double[3];
            e[k] = 1;
            r = cross(f, e);
        }
        r = unit(r);
        double[] u = cross(r, f);
        return new double[]{
                r[0], u[0], -f[0], eye[0],
                r[1], u[1], -f[1], eye[1],
                r[2], u[2], -f[2], eye[2],
                0, 0, 0, 1};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[]{a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double norm(double[] a) { return Math.sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]); }

    private static double[] unit(double[] a) {
        double n = norm(a);
        if (!(n > 0)) throw new IllegalArgumentException("the eye and the target coincide");
        return new double[]{a[0] / n, a[1] / n, a[2] / n};
    }

    private static String shape(JsonNode m) {
        if (m.isArray()) return "a list of " + m.size();
        return TransformsFile.brief(m);
    }
}
