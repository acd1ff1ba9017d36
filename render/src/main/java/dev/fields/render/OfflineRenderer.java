package dev.fields.render;

import dev.fields.io.UserError;
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

    /** What {@link #compare} wrote and measured. */
    public record Compared(Path file, NormalAgreement angles) {}

    /** Degrees at which the comparison's heat map saturates (white). */
    public static final double COMPARE_SCALE_DEGREES = 10;

    /**
     * One view of a surface field drawn on the texture path and the literal path, side by side with a heat map of the
     * angle between their normals over the pixels both hit (0 to {@link #COMPARE_SCALE_DEGREES}), written atomically
     * as one PNG of 3 × width; the panels use {@code s.shading()} ({@code s.path()} and {@code s.turntable()} are not
     * used: both paths, one view).
     */
    public static Compared compare(FieldBlob blob, Path out, Settings s) {
        FieldKind kind = FieldKind.of(blob.spec());
        boolean surface = switch (kind) {
            case SDF_SURFACE, OCCUPANCY_SURFACE -> true;
            case RADIANCE, IMAGE_2D, ATTENUATION_SLICE -> false; // no normals to compare
        };
        if (!surface)
            throw new UserError("a comparison of the texture and literal paths needs a surface field (SDF or occupancy); this is a " + kind + " field");
        OrbitCamera cam = new OrbitCamera().set(s.azimuth(), s.elevation(), s.distance());
        boolean shaded = s.shading() == FieldRenderer.Shading.LAMBERT || s.shading() == FieldRenderer.Shading.NORMALS;
        FieldRenderer.Frame[] panel = new FieldRenderer.Frame[2], normals = new FieldRenderer.Frame[2];
        try (GlContext ctx = GlContext.headless()) {
            FieldRenderer.Path[] paths = {FieldRenderer.Path.TEXTURE, FieldRenderer.Path.LITERAL};
            for (int k = 0; k < 2; k++)
                try (FieldRenderer r = new FieldRenderer(blob, paths[k])) {
                    r.maxSteps = s.maxSteps();
                    panel[k] = r.render(cam, s.width(), s.height(), s.shading());
                    normals[k] = shaded ? panel[k] : r.render(cam, s.width(), s.height(), FieldRenderer.Shading.NORMALS);
                }
        }
        NormalAgreement angles = NormalAgreement.of(normals[0], normals[1]);
        Images.writePng(out, CompareFigure.of(panel[0].image(), "texture (baked gradient normals)", panel[1].image(), "literal (network per pixel)",
                angles, COMPARE_SCALE_DEGREES));
        return new Compared(out, angles);
    }

    static Path numbered(Path out, int i) {
        String n = out.getFileName().toString();
        String stem = n.endsWith(".png") ? n.substring(0, n.length() - 4) : n;
        return out.resolveSibling(String.format("%s_%03d.png", stem, i));
    }
}
