package dev.fields.render;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.image.Images;
import dev.fields.io.spec.FieldKind;
import dev.fields.shaders.SliceDisplay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Headless rendering of a blob to PNG files: one view or a turntable. */
public final class OfflineRenderer {
    private OfflineRenderer() {}

    /**
     * Settings of a headless render; {@code slice} is how a CT slice is coloured ({@link SliceDisplay.Request#DEFAULTS}:
     * the blob's defaults), and must be empty for other kinds.
     */
    public record Settings(int width, int height, double azimuth, double elevation, double distance,
                           FieldRenderer.Shading shading, FieldRenderer.Path path, int turntable, int maxSteps,
                           SliceDisplay.Request slice) {
        public Settings {
            if (slice == null) slice = SliceDisplay.Request.DEFAULTS;
        }
    }

    /** The files written and, for a CT slice, the display it was drawn with (else null). */
    public record Rendered(List<Path> files, SliceDisplay slice) {}

    /** Reads the blob and {@link #render(FieldBlob, Path, Settings) renders} it. */
    public static Rendered render(Path blobPath, Path out, Settings s) { return render(BlobFormat.read(blobPath), out, s); }

    /** Renders and writes PNGs atomically. A turntable writes OUT_000.png, OUT_001.png, ... */
    public static Rendered render(FieldBlob blob, Path out, Settings s) {
        List<Path> written = new ArrayList<>();
        try (GlContext ctx = GlContext.headless(); FieldRenderer r = new FieldRenderer(blob, s.path())) {
            r.maxSteps = s.maxSteps();
            r.slice(s.slice());
            OrbitCamera cam = new OrbitCamera().set(s.azimuth(), s.elevation(), s.distance());
            int frames = Math.max(1, s.turntable());
            for (int i = 0; i < frames; i++) {
                cam.set(s.azimuth() + 360.0 * i / frames, s.elevation(), s.distance());
                FieldRenderer.Frame f = r.render(cam, s.width(), s.height(), s.shading());
                Path p = frames == 1 ? out : numbered(out, i);
                Images.writePng(p, f.image());
                written.add(p);
            }
            return new Rendered(written, r.kind() == FieldKind.ATTENUATION_SLICE ? r.slice() : null);
        }
    }

    static Path numbered(Path out, int i) {
        String n = out.getFileName().toString();
        String stem = n.endsWith(".png") ? n.substring(0, n.length() - 4) : n;
        return out.resolveSibling(String.format("%s_%03d.png", stem, i));
    }
}
