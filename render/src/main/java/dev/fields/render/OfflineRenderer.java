package dev.fields.render;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.Images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Headless rendering of a blob to PNG files: one view or a turntable. */
public final class OfflineRenderer {
    private OfflineRenderer() {}

    /** Settings of a headless render. */
    public record Settings(int width, int height, double azimuth, double elevation, double distance,
                           FieldRenderer.Shading shading, FieldRenderer.Path path, int turntable, int maxSteps) {}

    /** Renders and writes PNGs atomically; returns the files written. A turntable writes OUT_000.png, OUT_001.png, ... */
    public static List<Path> render(Path blobPath, Path out, Settings s) {
        FieldBlob blob = BlobFormat.read(blobPath);
        List<Path> written = new ArrayList<>();
        try (GlContext ctx = GlContext.headless(); FieldRenderer r = new FieldRenderer(blob, s.path())) {
            r.maxSteps = s.maxSteps();
            OrbitCamera cam = new OrbitCamera().set(s.azimuth(), s.elevation(), s.distance());
            int frames = Math.max(1, s.turntable());
            for (int i = 0; i < frames; i++) {
                cam.set(s.azimuth() + 360.0 * i / frames, s.elevation(), s.distance());
                FieldRenderer.Frame f = r.render(cam, s.width(), s.height(), s.shading());
                Path p = frames == 1 ? out : numbered(out, i);
                Images.writePng(p, f.image());
                written.add(p);
            }
        }
        return written;
    }

    static Path numbered(Path out, int i) {
        String n = out.getFileName().toString();
        String stem = n.endsWith(".png") ? n.substring(0, n.length() - 4) : n;
        return out.resolveSibling(String.format("%s_%03d.png", stem, i));
    }
}
