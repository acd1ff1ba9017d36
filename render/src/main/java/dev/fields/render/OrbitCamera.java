package dev.fields.render;

import org.joml.Vector3f;

/**
 * An orbit camera around a target, in field units: azimuth and elevation in degrees, distance, vertical field of
 * view. Produces the eye and an orthonormal basis (right, up, forward).
 */
public final class OrbitCamera {
    public double azimuth = 30, elevation = 20, distance = 3.2, fovDeg = 45;
    public final Vector3f target = new Vector3f();

    public OrbitCamera set(double az, double el, double dist) {
        azimuth = az;
        elevation = Math.max(-89, Math.min(89, el));
        distance = dist;
        return this;
    }

    public Vector3f eye(Vector3f dest) {
        double a = Math.toRadians(azimuth), e = Math.toRadians(elevation);
        return dest.set((float) (Math.cos(e) * Math.sin(a)), (float) Math.sin(e), (float) (Math.cos(e) * Math.cos(a))).mul((float) distance).add(target);
    }

    /** Writes forward, right and up unit vectors. */
    public void basis(Vector3f forward, Vector3f right, Vector3f up) {
        Vector3f eye = eye(new Vector3f());
        target.sub(eye, forward).normalize();
        forward.cross(0, 1, 0, right).normalize();
        right.cross(forward, up).normalize();
    }

    public float tanHalfFov() { return (float) Math.tan(Math.toRadians(fovDeg) / 2); }
}
