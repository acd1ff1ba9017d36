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
 * Loads any mesh Assimp reads (OBJ, STL, glTF/GLB, FBX, Collada, ...), PLY ({@link PlyReader}) and OFF
 * ({@link OffReader}): node transforms applied, all meshes merged, faces triangulated, vertices welded by position (tolerance relative to the bounding box: Assimp's own
 * joining keeps vertices that differ in normals or texture coordinates), degenerate triangles dropped.
 */
public final class MeshImporter {
    /** Weld tolerance as a fraction of the bounding-box diagonal. */
    static final double WELD = 1e-7;
    /** System property that sets the default {@code maxElements} of {@link #load(Path)}. */
    public static final String MAX_ELEMENTS_PROPERTY = "fields.mesh.maxElements";
    /** Default largest vertex, face or triangle count a header may declare. */
    public static final long DEFAULT_MAX_ELEMENTS = 50_000_000;

    private MeshImporter() {}

    /** Loads with the element limit of {@link #MAX_ELEMENTS_PROPERTY}, or {@link #DEFAULT_MAX_ELEMENTS}. */
    public static Mesh load(Path path) { return load(path, maxElements()); }

    /**
     * Loads a mesh. Before the importer runs, the vertex, face and triangle counts the file's header declares (OFF,
     * binary STL, PLY) are checked against what the file's size can hold and against {@code maxElements}.
     */
    public static Mesh load(Path path, long maxElements) {
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        if (!Files.exists(path)) throw new UserError("mesh not found: " + path + " (check the path)");
        if (Files.isDirectory(path)) throw new UserError(path + " is a directory, expected a mesh file (OBJ, PLY, STL, OFF, glTF, FBX, DAE)");
        MeshHeaders.check(path, name, maxElements);
        if (PlyReader.handles(path)) return finish(PlyReader.read(path, name), name, 1);
        if (OffReader.handles(path, name)) return finish(OffReader.read(path, name), name, 1);
        // Imported with validation only; the scene is checked here before Assimp's own steps run on it (in 5.4.3 a face
        // without indices crashes SortByPType, an out-of-range index crashes Triangulate). Welding and dropping points
        // and lines are ours.
        AIScene scene = aiImportFile(path.toAbsolutePath().toString(), aiProcess_ValidateDataStructure);
        if (scene == null) {
            String why = assimpError();
            if (why.contains("contains no faces") || why.contains("mNumMeshes is 0") || why.contains("contains no vertices"))
                throw new UserError(name + ": no triangles (" + why + ") — give a surface mesh, not points or lines");
            throw new UserError(name + ": Assimp cannot read it (" + why + ") — give a mesh file (OBJ, PLY, STL, OFF, glTF, FBX, DAE)");
        }
        boolean released = false;
        try {
            requireFaces(scene, name);
            AIScene post = aiApplyPostProcessing(scene, aiProcess_Triangulate | aiProcess_PreTransformVertices);
            if (post == null) {
                released = true; // Assimp frees the scene when a step fails
                throw new UserError(name + ": Assimp cannot process it (" + assimpError() + ") — repair or re-export the mesh");
            }
            scene = post;
            return merge(scene, name);
        } finally {
            if (!released) aiReleaseImport(scene);
        }
    }

    private static String assimpError() {
        String why = aiGetErrorString();
        return why == null || why.isBlank() ? "unknown reason" : why.strip().lines().findFirst().orElse("");
    }

    /** Every face of every mesh lists at least one vertex. */
    private static void requireFaces(AIScene scene, String name) {
        PointerBuffer meshes = scene.mMeshes();
        for (int m = 0; meshes != null && m < scene.mNumMeshes(); m++) {
            AIMesh mesh = AIMesh.create(meshes.get(m));
            AIFace.Buffer fs = mesh.mFaces();
            for (int f = 0; f < mesh.mNumFaces(); f++)
                if (fs.get(f).mNumIndices() == 0 || fs.get(f).mIndices() == null)
                    throw new UserError(name + ": face " + f + (scene.mNumMeshes() > 1 ? " of mesh " + m : "") + " lists no vertex — repair or re-export the mesh");
        }
    }

    static long maxElements() {
        String v = System.getProperty(MAX_ELEMENTS_PROPERTY);
        if (v == null) return DEFAULT_MAX_ELEMENTS;
        try {
            long n = Long.parseLong(v.strip());
            if (n > 0) return n;
        } catch (NumberFormatException ignored) { }
        throw new UserError("system property " + MAX_ELEMENTS_PROPERTY + " must be a positive whole number, got '" + v + "' — fix or remove it");
    }

    private static Mesh merge(AIScene scene, String name) {
        long nv = 0, nt = 0;
        PointerBuffer meshes = scene.mMeshes();
        int count = meshes == null ? 0 : scene.mNumMeshes();
        for (int m = 0; m < count; m++) {
            AIMesh mesh = AIMesh.create(meshes.get(m));
            nv += Integer.toUnsignedLong(mesh.mNumVertices());
            nt += Integer.toUnsignedLong(mesh.mNumFaces());
        }
        if (Math.max(nv, nt) > Integer.MAX_VALUE / 3)
            throw new UserError(name + ": " + nv + " vertices and " + nt + " faces, more than this tool holds (" + Integer.MAX_VALUE / 3 + ") — simplify the mesh");
        float[] v = new float[(int) (3 * nv)];
        int[] t = new int[(int) (3 * nt)];
        int vo = 0, to = 0;
        for (int m = 0; m < count; m++) {
            AIMesh mesh = AIMesh.create(meshes.get(m));
            AIVector3D.Buffer vs = mesh.mVertices();
            int base = vo / 3, n = mesh.mNumVertices();
            for (int i = 0; i < n; i++) {
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
                for (int c = 0; c < 3; c++) {
                    int k = idx.get(c);
                    if (k < 0 || k >= n)
                        throw new UserError(name + ": face " + f + " refers to vertex " + Integer.toUnsignedString(k) + " of " + n + " — repair or re-export the mesh");
                    t[to++] = base + k;
                }
            }
        }
        return finish(new Mesh(v, java.util.Arrays.copyOf(t, to)), name, count);
    }

    /** Checks a merged mesh and welds it. */
    private static Mesh finish(Mesh raw, String name, int meshes) {
        float[] v = raw.vertices();
        for (int i = 0; i < v.length; i++)
            if (!Float.isFinite(v[i])) throw new UserError(name + ": vertex " + i / 3 + " has a non-finite coordinate (" + v[i] + ") — repair or re-export the mesh");
        if (raw.triangleCount() == 0)
            throw new UserError(name + ": no triangles (" + raw.vertexCount() + " vertices, " + meshes + (meshes == 1 ? " mesh" : " meshes") + ") — give a surface mesh, not points or lines");
        Mesh welded = clean(raw);
        if (welded.triangleCount() == 0) throw new UserError(name + ": " + whyNoSurface(raw));
        return welded;
    }

    /** Why welding left no triangle: all had zero area, or one far-away vertex made the tolerance swallow the rest. */
    private static String whyNoSurface(Mesh raw) {
        boolean area = false;
        for (int i = 0; i < raw.triangleCount() && !area; i++) area = raw.triangleArea(i) > 0;
        if (!area) return "every triangle is degenerate (zero area) — the mesh has no surface to fit";
        float[] v = raw.vertices();
        int far = 0;
        for (int i = 0; i < raw.vertexCount(); i++)
            if (norm(v, i) > norm(v, far)) far = i;
        return String.format(java.util.Locale.ROOT, "vertex %d at (%.3g, %.3g, %.3g) lies so far from the rest that every triangle is below the weld"
                + " tolerance (%.0e of the extent) — remove the stray vertex or re-export the mesh", far, v[3 * far], v[3 * far + 1], v[3 * far + 2], WELD);
    }

    private static double norm(float[] v, int i) { return Math.abs(v[3 * i]) + Math.abs(v[3 * i + 1]) + Math.abs(v[3 * i + 2]); }

    /** Bounds of the vertices some triangle uses (a stray unused vertex must not set the weld tolerance). */
    private static double[] referencedBounds(Mesh m) {
        if (m.triangleCount() == 0) return m.bounds();
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        float[] v = m.vertices();
        for (int i : m.triangles())
            for (int c = 0; c < 3; c++) {
                b[c] = Math.min(b[c], v[3 * i + c]);
                b[c + 3] = Math.max(b[c + 3], v[3 * i + c]);
            }
        return b;
    }

    /** Welds vertices closer than the tolerance, drops degenerate triangles and unused vertices. */
    public static Mesh clean(Mesh in) {
        double[] b = referencedBounds(in);
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
        return usedOnly(welded.withoutTriangles(tri -> welded.triangleArea(tri) <= 1e-14 * diag * diag));
    }

    /** The mesh without the vertices no triangle uses, the others in their order. */
    private static Mesh usedOnly(Mesh m) {
        int[] index = new int[m.vertexCount()];
        for (int i : m.triangles()) index[i] = 1;
        float[] v = new float[m.vertices().length];
        int n = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] == 0) { index[i] = -1; continue; }
            System.arraycopy(m.vertices(), 3 * i, v, 3 * n, 3);
            index[i] = n++;
        }
        if (n == index.length) return m;
        int[] t = m.triangles().clone();
        for (int i = 0; i < t.length; i++) t[i] = index[t[i]];
        return new Mesh(java.util.Arrays.copyOf(v, 3 * n), t);
    }
}
