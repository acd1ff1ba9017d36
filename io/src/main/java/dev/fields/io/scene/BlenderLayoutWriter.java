package dev.fields.io.scene;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.io.AtomicFiles;
import dev.fields.io.spec.SpecJson;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes the transforms files of the NeRF-synthetic (Blender) layout: {@code {"camera_angle_x": a, "frames":
 * [{"file_path": "./train/r_0", "transform_matrix": [[...], ...]}, ...]}}, atomically. The images are the caller's.
 */
public final class BlenderLayoutWriter {
    private BlenderLayoutWriter() {}

    /** One frame: its {@code file_path} (relative to the JSON file, extension optional) and camera-to-world pose (16, row-major). */
    public record Frame(String filePath, double[] cameraToWorld) {}

    public static String json(double cameraAngleX, List<Frame> frames) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("camera_angle_x", cameraAngleX);
        ArrayNode list = root.putArray("frames");
        for (Frame fr : frames) {
            ObjectNode o = list.addObject();
            o.put("file_path", fr.filePath());
            ArrayNode m = o.putArray("transform_matrix");
            for (int r = 0; r < 4; r++) {
                ArrayNode row = m.addArray();
                for (int c = 0; c < 4; c++) row.add(fr.cameraToWorld()[4 * r + c]);
            }
        }
        try {
            return SpecJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void write(Path file, double cameraAngleX, List<Frame> frames) {
        AtomicFiles.writeString(file, json(cameraAngleX, frames));
    }
}
