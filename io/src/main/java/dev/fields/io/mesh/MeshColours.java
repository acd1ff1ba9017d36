package dev.fields.io.mesh;

import org.lwjgl.PointerBuffer;
import org.lwjgl.assimp.AIColor4D;
import org.lwjgl.assimp.AIMaterial;
import org.lwjgl.assimp.AIMesh;
import org.lwjgl.assimp.AIScene;
import org.lwjgl.assimp.AIString;
import org.lwjgl.assimp.AIVector3D;
import org.lwjgl.system.MemoryStack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.lwjgl.assimp.Assimp.*;

/**
 * The colours a mesh file gives its vertices, matched to the vertices of the mesh {@link MeshImporter} made of it.
 * Read through Assimp (the formats {@link MeshImporter} imports with it: OBJ with its MTL, glTF, FBX, Collada, ...):
 * a vertex takes colour set 0 when its mesh has one, else its mesh's material's diffuse colour; Assimp's own
 * {@code DefaultMaterial} (what it makes for an OBJ without MTL) counts as no colour. Values are taken as stored
 * (RGB in [0, 1], alpha dropped). Welded vertices are matched by exact position (the importer keeps the first of the
 * vertices it welds), the colour being the mean over the file's vertices at that position. PLY and OFF (read by our
 * own readers), a file without colours and any vertex left unmatched give null: the caller's colour rule applies.
 */
public final class MeshColours {
    private MeshColours() {}

    /** One RGB per vertex of {@code imported} (the mesh {@link MeshImporter#load} made of {@code path}), or null. */
    public static float[] read(Path path, Mesh imported) {
        if (PlyReader.handles(path) || OffReader.handles(path, String.valueOf(path.getFileName()))) return null;
        AIScene scene = aiImportFile(path.toAbsolutePath().toString(), aiProcess_ValidateDataStructure | aiProcess_PreTransformVertices);
        if (scene == null) return null;
        try {
            Map<Key, double[]> byPosition = new HashMap<>();
            boolean any = false;
            PointerBuffer meshes = scene.mMeshes(), materials = scene.mMaterials();
            for (int m = 0; meshes != null && m < scene.mNumMeshes(); m++) {
                AIMesh mesh = AIMesh.create(meshes.get(m));
                AIColor4D.Buffer set = mesh.mColors(0);
                float[] flat = set == null && materials != null && mesh.mMaterialIndex() < scene.mNumMaterials()
                        ? diffuse(AIMaterial.create(materials.get(mesh.mMaterialIndex()))) : null;
                if (set == null && flat == null) continue;
                any = true;
                AIVector3D.Buffer vs = mesh.mVertices();
                for (int i = 0; i < mesh.mNumVertices(); i++) {
                    AIVector3D p = vs.get(i);
                    double[] acc = byPosition.computeIfAbsent(new Key(p.x(), p.y(), p.z()), k -> new double[4]);
                    if (set != null) {
                        AIColor4D c = set.get(i);
                        acc[0] += c.r(); acc[1] += c.g(); acc[2] += c.b();
                    } else {
                        acc[0] += flat[0]; acc[1] += flat[1]; acc[2] += flat[2];
                    }
                    acc[3]++;
                }
            }
            if (!any) return null;
            float[] v = imported.vertices(), out = new float[v.length];
            for (int i = 0; i < imported.vertexCount(); i++) {
                double[] acc = byPosition.get(new Key(v[3 * i], v[3 * i + 1], v[3 * i + 2]));
                if (acc == null) return null;
                for (int c = 0; c < 3; c++) out[3 * i + c] = (float) Math.max(0, Math.min(1, acc[c] / acc[3]));
            }
            return out;
        } finally {
            aiReleaseImport(scene);
        }
    }

    private static float[] diffuse(AIMaterial mat) {
        try (MemoryStack stack = MemoryStack.stackPush()) {
            AIString name = AIString.malloc(stack);
            if (aiGetMaterialString(mat, AI_MATKEY_NAME, aiTextureType_NONE, 0, name) == aiReturn_SUCCESS && AI_DEFAULT_MATERIAL_NAME.equals(name.dataString()))
                return null;
            AIColor4D c = AIColor4D.malloc(stack);
            if (aiGetMaterialColor(mat, AI_MATKEY_COLOR_DIFFUSE, aiTextureType_NONE, 0, c) != aiReturn_SUCCESS) return null;
            return new float[]{c.r(), c.g(), c.b()};
        }
    }

    private record Key(float x, float y, float z) {}
}
