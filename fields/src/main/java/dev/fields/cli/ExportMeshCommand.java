package dev.fields.cli;

import dev.fields.geometry.BlobMesh;
import dev.fields.geometry.MeshCheck;
import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.mesh.MeshWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code fields export-mesh BLOB --out FILE.ply|.obj}: the iso-surface of a 3-D field as a mesh in world units. */
@Command(name = "export-mesh", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the iso-surface of a 3-D field blob as a mesh (marching cubes over the field's box), in world units",
                "(the coordinates of the mesh or scene the field was fitted to).",
                "The level: SDF fields 0, occupancy fields 0.5, radiance fields (fit-scene) the density whose opacity over one",
                "grid cell is 0.5, i.e. sigma = ln 2 / cell with the cell's side in field units (the field's box spans at most",
                "[-1, 1]^3, so the cell is at most 2 / --res). Radiance meshes carry the field's colour at each vertex:",
                "PLY as uchar red/green/blue, OBJ as 'v x y z r g b' (floats in [0, 1]); a view-dependent field (fit-scene",
                "--view-dependence sh:D) gives its diffuse colour sigmoid(c0 Y00), the part every view shares."},
        footer = {"", "Examples:", "  fields export-mesh runs/bunny/bunny.field --out bunny.ply --faces 20000",
                "  fields export-mesh runs/bunny-scene/bunny-scene.field --out bunny-scene.ply --res 192",
                "  fields export-mesh runs/bunny-scene/bunny-scene.field --out dense.obj --level 50"})
public final class ExportMeshCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BLOB", description = "Weight blob (.field) of a 3-D field: SDF, occupancy or radiance.") Path file;
    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.ply|FILE.obj", description = "Output mesh; the extension chooses the format.") Path out;
    @Option(names = "--level", paramLabel = "L", description = "Iso level of the field's first output (default: 0 for SDF, 0.5 for occupancy, ln 2 / cell for densities).") Double level;
    @Option(names = "--res", defaultValue = "256", paramLabel = "N", description = "Marching-cubes cells per axis of the field's box. Default: ${DEFAULT-VALUE}.") int res;
    @Option(names = "--faces", defaultValue = "0", paramLabel = "N", description = "Simplify to N faces by quadric error metrics, keeping the mesh watertight and manifold (0 = every face). Default: ${DEFAULT-VALUE}.") int faces;

    @Override public Integer call() {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean ply = name.endsWith(".ply");
        if (!ply && !name.endsWith(".obj")) throw new UserError("--out must name a .ply or .obj file, got " + out);
        if (res < 2 || res > 2048) throw new UserError("--res must be between 2 and 2048 cells per axis, got " + res);
        if (faces < 0 || faces > 0 && faces < 4) throw new UserError("--faces must be 0 (every face) or a budget of at least 4 faces (a closed mesh's fewest), got " + faces);
        if (level != null && !Double.isFinite(level)) throw new UserError("--level must be a finite number, got " + level);
        FieldBlob blob = BlobFormat.read(file);
        BlobMesh m = BlobMesh.extract(blob, level, res, faces);
        String what = String.format(Locale.ROOT, "iso-surface of %s at %s %s, marching cubes at %d^3%s, in world units", file.getFileName(),
                switch (m.kind()) {
                    case SDF_SURFACE -> "signed distance";
                    case OCCUPANCY_SURFACE -> "inside probability";
                    case RADIANCE -> "density";
                    case IMAGE_2D, ATTENUATION_SLICE -> throw new IllegalStateException("not reached");
                }, new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", m.level())).stripTrailingZeros().toPlainString(), res, faces == 0 ? ""
                        : String.format(Locale.ROOT, ", simplified from %,d to %,d faces%s", m.extractedTriangles(), m.mesh().triangleCount(),
                        m.mesh().triangleCount() > faces ? " (every further collapse was refused: each closed piece keeps at least 4 faces, and no collapse may break the manifold, flip a face or make a sliver)" : ""));
        if (ply) MeshWriter.writePly(out, m.mesh(), m.normals(), m.colours());
        else MeshWriter.writeObj(out, m.mesh(), m.normals(), m.colours(), what + (m.colours() != null ? "; vertex colours as v x y z r g b" : ""));
        MeshCheck check = MeshCheck.of(m.mesh());
        System.out.printf(Locale.ROOT, "wrote %s: %,d vertices, %,d triangles%s (%s; %s) in %.1f s%n", out, m.mesh().vertexCount(), m.mesh().triangleCount(),
                m.colours() == null ? "" : blob.spec().viewDependence().viewDependent() ? " with vertex colours (the diffuse colour of a " + blob.spec().viewDependence() + " field)" : " with vertex colours", what, check.watertight() && check.manifold() ? "watertight, manifold" : check.toString(), m.seconds());
        return 0;
    }
}
