package dev.fields.io.ct;

import dev.fields.io.UserError;
import ij.ImagePlus;
import ij.Prefs;
import ij.io.FileInfo;
import ij.measure.Calibration;
import ij.plugin.DICOM;
import ij.process.ImageProcessor;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * ImageJ's DICOM reader behind a fence: it runs on a daemon thread under a time limit that grows with the file, and
 * whatever it throws (an exception, an error, running out of memory), returns (no image, several frames, colour)
 * or fails to finish becomes a one-line {@link UserError}. Only files {@link DicomLayout} has checked reach it. Pixels
 * are taken as stored and rescaled here with the header's slope and intercept (ImageJ's own rescaling needs its menus).
 */
final class ImageJDicom {
    private ImageJDicom() {}

    /** A fixed allowance plus one second per 20 MB: a slice of any real size reads in well under a second. */
    static long limitMillis(long bytes) { return 20_000 + bytes / 20_000; }

    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "imagej-dicom");
        t.setDaemon(true); // a read that never returns must not keep the program alive
        return t;
    });

    /** Calibrated greyscale pixels, row-major, and the pixel side as ImageJ's calibration states it (NaN when it does not). */
    record Pixels(int width, int height, float[] data, double pixelWidth, double pixelHeight, String unit) {}

    static Pixels read(Path path, DicomLayout.Image layout, long limitMillis) {
        return fenced(path, () -> decode(path, layout), limitMillis);
    }

    /** Runs {@code task} (a read of {@code path} with ImageJ) on a daemon thread; what it throws or a late answer is one line. */
    static <T> T fenced(Path path, java.util.concurrent.Callable<T> task, long limitMillis) {
        Future<T> f = READERS.submit(task);
        try {
            return f.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new UserError("ImageJ did not finish reading DICOM " + path + " within " + limitMillis / 1000 + " s — give an intact,"
                    + " uncompressed DICOM slice (e.g. gdcmconv --raw IN OUT)");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof UserError u) throw u;
            String what = FloatTiff.firstLine(c), kind = c.getClass().getSimpleName();
            throw new UserError("ImageJ failed reading DICOM " + path + " (" + (what.startsWith(kind) ? what : kind + ": " + what)
                    + ") — give an intact, uncompressed DICOM slice (e.g. gdcmconv --raw IN OUT)", c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("reading DICOM " + path + " was interrupted — run the command again", e);
        }
    }

    private static Pixels decode(Path path, DicomLayout.Image layout) {
        // ImageJ applies a rescale slope other than 1 through menu commands, which do not exist headless (it prints
        // "Unrecognized command" and leaves the pixels unscaled): it is told to leave the rescale alone, applied below
        Prefs.ignoreRescaleSlope = true;
        Prefs.openDicomsAsFloat = false;
        Prefs.fixedDicomScaling = false;
        DICOM d = new DICOM();
        d.open(path.toString());
        ImageProcessor ip = d.getProcessor();
        if (ip == null || d.getWidth() < 1 || d.getHeight() < 1)
            throw new UserError("ImageJ cannot read DICOM " + path + " (not DICOM, or a compressed transfer syntax it does not decode)"
                    + " — give an uncompressed DICOM slice (e.g. gdcmconv --raw IN OUT)");
        if (d.getStackSize() != 1)
            throw new UserError("DICOM " + path + " holds " + d.getStackSize() + " frames — give a single-frame slice");
        if (d.getType() == ImagePlus.COLOR_RGB || d.getType() == ImagePlus.COLOR_256)
            throw new UserError("DICOM " + path + " is a colour image — give a greyscale (monochrome) slice");
        int w = d.getWidth(), h = d.getHeight();
        if (w != layout.width() || h != layout.height())
            throw new UserError("ImageJ read DICOM " + path + " as " + w + " × " + h + " pixels, but its header says " + layout.width() + " × "
                    + layout.height() + " — give an intact, uncompressed DICOM slice");
        // the stored values (ImageJ keeps signed 16-bit pixels + 32768), rescaled as the file says
        float[] data = new float[w * h];
        double shift = layout.fileType() == FileInfo.GRAY16_SIGNED ? -32768 : 0;
        for (int i = 0; i < data.length; i++) data[i] = (float) ((ip.getf(i) + shift) * layout.slope() + layout.intercept());
        Calibration cal = d.getCalibration();
        return cal.scaled() ? new Pixels(w, h, data, cal.pixelWidth, cal.pixelHeight, cal.getUnit()) : new Pixels(w, h, data, Double.NaN, Double.NaN, "");
    }
}
