package dev.fields.render;

import dev.fields.io.scene.CameraPose;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Camera poses around an object centred on the origin, world +Y up, every camera looking at the origin
 * ({@link CameraPose#lookAt}, OpenGL axes). Train views are uniform over the area of the upper hemisphere's band
 * from the horizon to {@link #MAX_ELEVATION_DEGREES} (elevation e with sin e uniform in [0, sin 80°], azimuth uniform),
 * drawn from a seeded generator; test views are a ring at {@link #RING_ELEVATION_DEGREES}, evenly spaced in azimuth.
 */
public final class ViewPlan {
    /** Train views stop short of the pole, where "up" leaves the image plane. */
    public static final double MAX_ELEVATION_DEGREES = 80;
    public static final double RING_ELEVATION_DEGREES = 30;

    private ViewPlan() {}

    /** The eye at azimuth a and elevation e (radians) at {@code distance}: azimuth 0 is +Z, growing towards +X. */
    public static double[] eye(double azimuth, double elevation, double distance) {
        return new double[]{distance * Math.cos(elevation) * Math.sin(azimuth), distance * Math.sin(elevation), distance * Math.cos(elevation) * Math.cos(azimuth)};
    }

    public static List<double[]> hemisphere(int count, double distance, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double top = Math.sin(Math.toRadians(MAX_ELEVATION_DEGREES));
        List<double[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double e = Math.asin(rnd.nextDouble() * top), a = rnd.nextDouble() * 2 * Math.PI;
            out.add(CameraPose.lookAt(eye(a, e, distance), new double[3], new double[]{0, 1, 0}));
        }
        return out;
    }

    public static List<double[]> ring(int count, double distance) {
        List<double[]> out = new ArrayList<>(count);
        double e = Math.toRadians(RING_ELEVATION_DEGREES);
        for (int i = 0; i < count; i++)
            out.add(CameraPose.lookAt(eye(2 * Math.PI * i / count, e, distance), new double[3], new double[]{0, 1, 0}));
        return out;
    }
}
