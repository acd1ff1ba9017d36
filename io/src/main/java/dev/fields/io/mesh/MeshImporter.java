package dev.fields.io.mesh;

import dev.fields.io.UserError;
import org.lwjgl.PointerBuffer;
import org.lwjgl.assimp.AIFace;
import org.lwjgl.assimp.AIMesh;
import org.lwjgl.assimp.AIScene;
import org.lwjgl.assimp.AIVector3D;

import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.lwjgl.assimp.Assimp.*;

/**
 * Loads any mesh Assimp reads (OBJ, PLY, STL, OFF, glTF/GLB, FBX, Collada, ...): node transforms applied, all meshes
 * merged, faces triangulated, vertices welded by position (tolerance relative to the bounding box: Assimp's own
 * joining keeps vertices that differ in normals or texture coordinates), degenerate triangles dropped.
 */
public final class MeshImporter {
    /** Weld tolerance as a fraction of the bounding-box diagonal. */
    static final double WELD = 1e-7;

    private MeshImporter() {}

    public static Mesh load(Path path) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (!Files.exists(path)) throw new UserError("mesh not found: " + path + " (check the path)");
        if (Files.isDirectory(path)) throw new UserError(path + " is a directory, expected a mesh file (OBJ, PLY, STL, OFF, glTF, FBX, DAE)");
        int flags = aiProcess_Triangulate | aiProcess_PreTransformVertices | aiProcess_JoinIdenticalVertices | aiProcess_SortByPType;
        AIScene scene = aiImportFile(path.toAbsolutePath().toString(), flags);
        if (scene == null) {
            String why = aiGetErrorString();
            throw new UserError(name + ": Assimp cannot read it (" + (why == null ? "unknown reason" : why.strip().lines().findFirst().orElse("")) + ") — give a mesh file (OBJ, PLY, STL, OFF, glTF, FBX, DAE)");
        }
        try {
            return merge(scene, name);
        } finally {
            aiReleaseImport(scene);
        }
    }

    private static Mesh merge(AIScene scene, String name) {
        int nv = 0, nt = 0;
        PointerBuffer meshes = scene.mMeshes();
        int count = scene.mNumMeshes();
        for (int m = 0; m < count; m++) {
            AIMesh mesh = AIMesh.create(meshes.get(m));
            nv += mesh.mNumVertices();
            nt += mesh.mNumFaces();
        }
        float[] v = new float[3 * nv];
        int[] t = new int[3 * nt];
        int vo = 0, to = 0;
        for (int m = 0; m < count; m++) {
            AIMesh mesh = AIMesh.create(meshes.get(m));
            AIVector3D.Buffer vs = mesh.mVertices();
            int base = vo / 3;
            for (int i = 0; i < mesh.mNumVertices(); i++) {
                AIVector3D p = vs.get(i);
                v[vo++] = p.x();
                v[vo++] = p.y();
                v[vo++] = p.z();
            }
            AIFace.Buffer fs = mesh.mFaces();
            for (int f = 0; f < mesh.mNumFaces(); f++) {
                AIFace face = fs.get(f);
                if (face.mNumIndices() != 3) continue; // points and lines
                IntBuffer idx = face.mIndices();
                t[to++] = base + idx.get(0);
                t[to++] = base + idx.get(1);
                t[to++] = base + idx.get(2);
            }
        }
        for (int i = 0; i < vo; i++)
            if (!Float.isFinite(v[i])) throw new UserError(name + ": vertex " + i / 3 + " has a non-finite coordinate (" + v[i] + ") — repair or re-export the mesh");
        if (to == 0) throw new UserError(name + ": no triangles (" + nv + " vertices, " + count + " meshes) — give a surface mesh, not points or lines");
        Mesh welded = clean(new Mesh(v, java.util.Arrays.copyOf(t, to)));
        if (welded.triangleCount() == 0) throw new UserError(name + ": every triangle is degenerate (zero area) — the mesh has no surface to fit");
        return welded;
    }

    /** Welds vertices closer than the tolerance, drops degenerate triangles and unused vertices. */
    public static Mesh clean(Mesh in) {
        double[] b = in.bounds();
        double diag = Math.sqrt(Math.pow(b[3] - b[0], 2) + Math.pow(b[4] - b[1], 2) + Math.pow(b[5] - b[2], 2));
        double cell = Math.max(diag * WELD, Float.MIN_NORMAL);
        float[] v = in.vertices();
        Map<Long, Integer> seen = new HashMap<>();
        int[] remap = new int[in.vertexCount()];
        float[] nv = new float[v.length];
        int n = 0;
        for (int i = 0; i < in.vertexCount(); i++) {
            long qx = Math.round((v[3 * i] - b[0]) / cell), qy = Math.round((v[3 * i + 1] - b[1]) / cell), qz = Math.round((v[3 * i + 2] - b[2]) / cell);
            long key = (qx * 73856093L) ^ (qy * 19349663L) ^ (qz * 83492791L) ^ (qx << 42) ^ (qy << 21) ^ qz;
            Integer j = seen.get(key);
            if (j != null && Math.abs(v[3 * i] - nv[3 * j]) <= cell
                    && Math.abs(v[3 * i + 1] - nv[3 * j + 1]) <= cell && Math.abs(v[3 * i + 2] - nv[3 * j + 2]) <= cell) {
                remap[i] = j;
            } else {
                seen.put(key, n);
                System.arraycopy(v, 3 * i, nv, 3 * n, 3);
                remap[i] = n++;
            }
        }
        int[] t = in.triangles();
        int[] nt = new int[t.length];
        int k = 0;
        for (int i = 0; i < t.length; i += 3) {
            int a = remap[t[i]], c1 = remap[t[i + 1]], c2 = remap[t[i + 2]];
            if (a == c1 || c1 == c2 || a == c2) continue;
            nt[k] = a; nt[k + 1] = c1; nt[k + 2] = c2;
            k += 3;
        }
        Mesh welded = new Mesh(java.util.Arrays.copyOf(nv, 3 * n), java.util.Arrays.copyOf(nt, k));
        return welded.withoutTriangles(tri -> welded.triangleArea(tri) <= 1e-14 * diag * diag);
    }
}
