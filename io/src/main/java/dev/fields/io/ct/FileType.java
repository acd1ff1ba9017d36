package dev.fields.io.ct;

import dev.fields.io.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a file is by its first bytes (never by its name): DICOM is checked first, because a DICOM preamble may itself
 * be a TIFF header (pydicom's MR_small.dcm starts with "II*").
 */
enum FileType {
    DICOM, NPY, TIFF, PNG, JPEG, UNKNOWN;

    static FileType of(Path path) {
        byte[] h = new byte[132];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(h, 0, h.length);
        } catch (IOException e) {
            throw new UserError("cannot read " + path + " (" + e.getMessage() + ") — check that the file is readable", e);
        }
        if (n >= 132 && h[128] == 'D' && h[129] == 'I' && h[130] == 'C' && h[131] == 'M') return DICOM;
        if (n >= 6 && (h[0] & 0xFF) == 0x93 && h[1] == 'N' && h[2] == 'U' && h[3] == 'M' && h[4] == 'P' && h[5] == 'Y') return NPY;
        if (n >= 4 && ((h[0] == 'I' && h[1] == 'I' && h[2] == 42 && h[3] == 0) || (h[0] == 'M' && h[1] == 'M' && h[2] == 0 && h[3] == 42))) return TIFF;
        if (n >= 4 && (h[0] & 0xFF) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') return PNG;
        if (n >= 3 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xD8 && (h[2] & 0xFF) == 0xFF) return JPEG;
        return UNKNOWN;
    }
}
