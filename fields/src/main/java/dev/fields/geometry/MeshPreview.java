package dev.fields.geometry;

import dev.fields.io.mesh.Mesh;

import java.awt.image.BufferedImage;

/**
 * A small software rasterizer for previews: the mesh seen from an orbit camera (azimuth, elevation in degrees),
 * orthographic, z-buffered, Lambert + ambient shading on a light background.
 */
public final class MeshPreview {
    private MeshPreview() {}

    public static BufferedImage render(Mesh m, int size, double azimuthDeg, double elevationDeg) {
        double az = Math.toRadians(azimuthDeg), el = Math.toRadians(elevationDeg);
        // camera basis: forward f from the camera to the centre, right r, up u
        double fx = -Math.cos(el) * Math.sin(az), fy = -Math.sin(el), fz = -Math.cos(el) * Math.cos(az);
        double rx = Math.cos(az), ry = 0, rz = -Math.sin(az);
        double ux = ry * fz - rz * fy, uy = rz * fx - rx * fz, uz = rx * fy - ry * fx;
        double[] b = m.bounds();
        double cx = (b[0] + b[3]) / 2, cy = (b[1] + b[4]) / 2, cz = (b[2] + b[5]) / 2;
        double rad = 0.5 * Math.sqrt(Math.pow(b[3] - b[0], 2) + Math.pow(b[4] - b[1], 2) + Math.pow(b[5] - b[2], 2));
        double scale = size / (2.2 * Math.max(rad, 1e-9));
        float[] v = m.vertices();
        int nv = m.vertexCount();
        double[] sx = new double[nv], sy = new double[nv], sd = new double[nv];
        for (int i = 0; i < nv; i++) {
            double px = v[3 * i] - cx, py = v[3 * i + 1] - cy, pz = v[3 * i + 2] - cz;
            sx[i] = size / 2.0 + scale * (px * rx + py * ry + pz * rz);
            sy[i] = size / 2.0 - scale * (px * ux + py * uy + pz * uz);
            sd[i] = px * fx + py * fy + pz * fz;
        }
        float[] depth = new float[size * size];
        java.util.Arrays.fill(depth, Float.MAX_VALUE);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < size * size; i++) img.setRGB(i % size, i / size, 0xf2f2f2);
        float[] nrm = SurfaceSampler.triangleNormals(m);
        int[] t = m.triangles();
        double lx = -0.4 * rx + 0.6 * ux - 0.7 * fx, ly = -0.4 * ry + 0.6 * uy - 0.7 * fy, lz = -0.4 * rz + 0.6 * uz - 0.7 * fz;
        double ll = Math.sqrt(lx * lx + ly * ly + lz * lz);
        for (int k = 0; k < m.triangleCount(); k++) {
            int a = t[3 * k], bb = t[3 * k + 1], c = t[3 * k + 2];
            double nx = nrm[3 * k], ny = nrm[3 * k + 1], nz = nrm[3 * k + 2];
            double facing = nx * fx + ny * fy + nz * fz;
            double lam = Math.abs(nx * lx + ny * ly + nz * lz) / ll;
            double shade = 0.25 + 0.75 * lam;
            int rgb = facing <= 0 ? tone(shade, 0.55, 0.68, 0.85) : tone(shade, 0.85, 0.55, 0.45); // back faces tinted
            int x0 = (int) Math.max(0, Math.floor(Math.min(sx[a], Math.min(sx[bb], sx[c])))), x1 = (int) Math.min(size - 1, Math.ceil(Math.max(sx[a], Math.max(sx[bb], sx[c]))));
            int y0 = (int) Math.max(0, Math.floor(Math.min(sy[a], Math.min(sy[bb], sy[c])))), y1 = (int) Math.min(size - 1, Math.ceil(Math.max(sy[a], Math.max(sy[bb], sy[c]))));
            double area = (sx[bb] - sx[a]) * (sy[c] - sy[a]) - (sx[c] - sx[a]) * (sy[bb] - sy[a]);
            if (Math.abs(area) < 1e-12) continue;
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5, py = y + 0.5;
                    double w0 = ((sx[bb] - px) * (sy[c] - py) - (sx[c] - px) * (sy[bb] - py)) / area;
                    double w1 = ((sx[c] - px) * (sy[a] - py) - (sx[a] - px) * (sy[c] - py)) / area;
                    double w2 = 1 - w0 - w1;
                    if (w0 < 0 || w1 < 0 || w2 < 0) continue;
                    float d = (float) (w0 * sd[a] + w1 * sd[bb] + w2 * sd[c]);
                    if (d < depth[y * size + x]) { depth[y * size + x] = d; img.setRGB(x, y, rgb); }
                }
        }
        return img;
    }

    private static int tone(double s, double r, double g, double b) {
        int R = (int) Math.min(255, 255 * s * r), G = (int) Math.min(255, 255 * s * g), B = (int) Math.min(255, 255 * s * b);
        return R << 16 | G << 8 | B;
    }
}
