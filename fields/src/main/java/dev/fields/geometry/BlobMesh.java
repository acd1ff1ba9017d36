package dev.fields.geometry;

import dev.fields.eval.BlobField;
import dev.fields.io.UserError;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.mesh.Mesh;
import dev.fields.io.spec.FieldKind;
import dev.fields.io.spec.Frame;

import java.util.Locale;

/**
 * The iso-surface of any 3-D field blob as a mesh in world units: marching cubes over the field's box at {@code res}
 * cells per axis through {@link IsoMesh} (optionally simplified to a face budget), then mapped out of the blob's frame
 * ({@code world = field · scale + offset}). The level is a value of the field's first output: a signed distance
 * (default 0), an inside probability (default 0.5) or a density (default {@link #defaultDensity}: σ = ln 2 / cell,
 * the density whose opacity over one grid cell, {@code 1 − exp(−σ · cell)}, is one half, with the cell's longest side
 * in field units). Inside is below the level for distances, above it for probabilities and densities; the mesh faces
 * outwards and its normals are the field's. A radiance field's vertices carry its colour there (RGB, clamped to
 * [0, 1]); a view-dependent field's is its diffuse colour {@code sigmoid(c_0 Y_0)} (a vertex has no viewing direction,
 * {@link dev.fields.io.spec.ViewDependence#diffuse}).
 *
 * @param colours RGB per vertex for radiance fields, else null
 * @param valueRange the first output's smallest and largest value seen while extracting (the marching-cubes grid)
 */
public record BlobMesh(FieldKind kind, double level, Mesh mesh, float[] normals, float[] colours, int extractedTriangles,
                       double[] valueRange, double seconds) {

    /** The density whose opacity over a cell of side {@code cell} (field units) is 0.5: ln 2 / cell. */
    public static double defaultDensity(double cell) { return Math.log(2) / cell; }

    /** Cell side (the longest, field units) of a {@code res}³ grid over the blob's box. */
    public static double cell(FieldBlob blob, int res) {
        Frame f = blob.spec().frame();
        double c = 0;
        for (int k = 0; k < 3; k++) c = Math.max(c, (f.boxMax()[k] - f.boxMin()[k]) / res);
        return c;
    }

    /** The level used when none is given: 0 for distances, 0.5 for probabilities, {@link #defaultDensity} for densities. */
    public static double defaultLevel(FieldBlob blob, int res) {
        return switch (kind(blob)) {
            case SDF_SURFACE -> 0;
            case OCCUPANCY_SURFACE -> 0.5;
            case RADIANCE -> defaultDensity(cell(blob, res));
            case IMAGE_2D, ATTENUATION_SLICE -> throw new IllegalStateException("not reached");
        };
    }

    /**
     * Extracts the surface of {@code blob} at {@code level} (null: {@link #defaultLevel}); {@code faces} 0 keeps every
     * face. A {@link UserError} when the blob is not a 3-D field or the surface is empty (the level outside the
     * field's range on the grid: the message names the range and a level inside it).
     */
    public static BlobMesh extract(FieldBlob blob, Double level, int res, int faces) {
        long t0 = System.nanoTime();
        FieldKind kind = kind(blob);
        double iso = level != null ? level : defaultLevel(blob, res);
        // the marching-cubes field: negative inside
        double sign = switch (kind) {
            case SDF_SURFACE -> 1;
            case OCCUPANCY_SURFACE, RADIANCE -> -1;
            case IMAGE_2D, ATTENUATION_SLICE -> throw new IllegalStateException("not reached");
        };
        BlobField field = new BlobField(blob);
        int o = blob.spec().outputDim();
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        boolean[] tracking = {true};
        MarchingCubes.ScalarField f = (xyz, count, out) -> {
            float[] v = field.evaluate(xyz, count);
            for (int i = 0; i < count; i++) {
                float x = v[o * i];
                if (tracking[0] && Float.isFinite(x)) { range[0] = Math.min(range[0], x); range[1] = Math.max(range[1], x); }
                out[i] = (float) (sign * (x - iso));
            }
        };
        Frame frame = blob.spec().frame();
        Mesh full = IsoMesh.surface(f, frame.boxMin(), frame.boxMax(), res);
        tracking[0] = false; // normals are evaluated off the grid
        if (full.triangleCount() == 0) throw empty(kind, iso, range, res, level == null);
        IsoMesh iso3 = IsoMesh.finish(f, full, frame.boxMin(), frame.boxMax(), res, faces, (System.nanoTime() - t0) / 1e9);
        Mesh local = iso3.mesh();
        float[] colours = switch (kind) {
            case RADIANCE -> colours(field, local.vertices(), o, blob.spec().viewDependence());
            case SDF_SURFACE, OCCUPANCY_SURFACE -> null;
            case IMAGE_2D, ATTENUATION_SLICE -> throw new IllegalStateException("not reached");
        };
        return new BlobMesh(kind, iso, local.transformed(frame.scale(), frame.offset()), iso3.normals(), colours,
                iso3.extractedTriangles(), range.clone(), (System.nanoTime() - t0) / 1e9);
    }

    private static FieldKind kind(FieldBlob blob) {
        FieldKind kind = FieldKind.of(blob.spec());
        return switch (kind) {
            case SDF_SURFACE, OCCUPANCY_SURFACE, RADIANCE -> kind;
            case IMAGE_2D, ATTENUATION_SLICE -> throw new UserError("a mesh is the surface of a 3-D field; this blob is a 2-D "
                    + (kind == FieldKind.IMAGE_2D ? "image" : "CT slice") + " field (" + kind + ") — export a fit-shape or fit-scene blob");
        };
    }

    /** The field's (diffuse) colour at each vertex (field units), clamped to [0, 1]. */
    private static float[] colours(BlobField field, float[] vertices, int o, dev.fields.io.spec.ViewDependence view) {
        int n = vertices.length / 3;
        float[] rgb = new float[3 * n];
        int batch = 1 << 15;
        for (int start = 0; start < n; start += batch) {
            int m = Math.min(batch, n - start);
            float[] v = field.evaluate(java.util.Arrays.copyOfRange(vertices, 3 * start, 3 * (start + m)), m);
            for (int i = 0; i < m; i++) {
                int at = 3 * (start + i);
                view.diffuse(v, o * i + 1, rgb, at);
                for (int c = 0; c < 3; c++) rgb[at + c] = Math.min(Math.max(rgb[at + c], 0f), 1f);
            }
        }
        return rgb;
    }

    /** What a level outside the field's range says: the range on the grid, which side the level is on, a level to try. */
    private static UserError empty(FieldKind kind, double iso, double[] range, int res, boolean defaulted) {
        String what = switch (kind) {
            case SDF_SURFACE -> "signed distance";
            case OCCUPANCY_SURFACE -> "inside probability";
            case RADIANCE -> "density";
            case IMAGE_2D, ATTENUATION_SLICE -> throw new IllegalStateException("not reached");
        };
        if (!(range[0] <= range[1]))
            return new UserError("the field's " + what + " is not finite anywhere on the " + res + "^3 grid: the blob holds no surface (refit it)");
        String dflt = !defaulted ? "" : switch (kind) {
            case RADIANCE -> " (the default: opacity 0.5 over one grid cell)";
            case SDF_SURFACE, OCCUPANCY_SURFACE -> " (the default)";
            case IMAGE_2D, ATTENUATION_SLICE -> "";
        };
        String range3 = "[" + num(range[0]) + ", " + num(range[1]) + "] on the " + res + "^3 grid";
        String why = iso > range[1] ? "the level is above the field's " + what + " range " + range3
                : iso < range[0] ? "the level is below the field's " + what + " range " + range3
                : "no grid cell crosses the level although the field's " + what + " spans " + range3 + " (a feature finer than a cell: raise --res)";
        double suggest = kind == FieldKind.RADIANCE && range[1] > 0 ? 0.5 * range[1] : 0.5 * (range[0] + range[1]);
        return new UserError("the iso-surface at " + what + " " + num(iso) + dflt + " is empty: " + why + " — try --level " + num(suggest));
    }

    /** Four significant digits without trailing zeros ("7", "22.18", "1.5e-05"). */
    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e")) return s.replaceFirst("\\.?0+e", "e");
        return s.contains(".") ? s.replaceFirst("\\.?0+$", "") : s;
    }
}
