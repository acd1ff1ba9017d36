package dev.fields.io.ct;

import dev.fields.io.UserError;
import ij.io.FileInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The image a DICOM file describes, found by walking its data elements exactly as ImageJ 1.54's decoder
 * ({@code ij.plugin.DICOM}) walks them, before ImageJ is given the file. ImageJ allocates every element's length as
 * it reads it and trusts rows × columns × frames, so a few changed bytes make it allocate gigabytes, throw
 * {@link NegativeArraySizeException}, or print its own errors. Here every length is checked in {@code long} against
 * the bytes that remain, and the pixel block against the file's length; what does not fit is a one-line
 * {@link UserError}. The walk follows ImageJ's rules, not the standard's, so that it checks the very elements ImageJ
 * will read: its guess of explicit or implicit VR from the two bytes after the tag, its dictionary's VR for implicit
 * elements, the lengths it reads as 16-bit values whatever the element says, its handling of sequences and items,
 * and its byte counter (which a negative skip moves backwards while the file position stays).
 */
final class DicomLayout {
    private static final int TRANSFER_SYNTAX = 0x00020010, MODALITY = 0x00080060, SLICE_THICKNESS = 0x00180050, SLICE_SPACING = 0x00180088,
            IMAGER_PIXEL_SPACING = 0x00181164, SAMPLES_PER_PIXEL = 0x00280002, PHOTOMETRIC = 0x00280004, PLANAR_CONFIGURATION = 0x00280006,
            FRAMES = 0x00280008, ROWS = 0x00280010, COLUMNS = 0x00280011, PIXEL_SPACING = 0x00280030, BITS_ALLOCATED = 0x00280100,
            PIXEL_REPRESENTATION = 0x00280103, WINDOW_CENTER = 0x00281050, WINDOW_WIDTH = 0x00281051, RESCALE_INTERCEPT = 0x00281052,
            RESCALE_SLOPE = 0x00281053, RED_PALETTE = 0x00281201, GREEN_PALETTE = 0x00281202, BLUE_PALETTE = 0x00281203,
            ACQUISITION_CONTEXT_SEQUENCE = 0x00400555, VIEW_CODE_SEQUENCE = 0x00540220, ICON_IMAGE_SEQUENCE = 0x00880200,
            ITEM = 0xFFFEE000, ITEM_DELIMITATION = 0xFFFEE00D, SEQUENCE_DELIMITATION = 0xFFFEE0DD, FLOAT_PIXEL_DATA = 0x7FE00008,
            PIXEL_DATA = 0x7FE00010, OLD_PIXEL_DATA = 0x7F880010;
    private static final int IMPLICIT = vr("--");

    /**
     * What ImageJ will make of the file: its pixel type ({@link FileInfo} constants), size, frames and where the pixels
     * start; and the rescale that turns stored values into the file's units (value = stored × slope + intercept).
     */
    record Image(int width, int height, int frames, int fileType, long offset, double slope, double intercept) {
        long pixelBytes() {
            FileInfo fi = new FileInfo();
            fi.fileType = fileType;
            return (long) width * height * Math.max(1, frames) * fi.getBytesPerPixel();
        }

        boolean colour() { return fileType == FileInfo.RGB || fileType == FileInfo.RGB_PLANAR || fileType == FileInfo.COLOR8; }
    }

    private final Path path;
    private final byte[] b;
    private long stream;   // the position in the file
    private long location; // ImageJ's count of the bytes it read (it moves with a negative skip, the file does not)
    private boolean littleEndian = true, bigEndianSyntax, inSequence, acquisitionSequence, oddLocations;
    private int vr;

    private DicomLayout(Path path, byte[] bytes) {
        this.path = path;
        this.b = bytes;
    }

    /** Walks the file's header; every problem is a {@link UserError} naming it. */
    static Image of(Path path) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            // the header ImageJ walks lies before the pixels, which follow it in the same file: one read of the whole file
            if (size > Integer.MAX_VALUE - 8) throw fail(path, "it is " + size + " bytes, more than one slice can hold", "give a single 2-D slice");
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UserError("cannot read " + path + " (" + e.getMessage() + ") — check that the file is readable", e);
        }
        return new DicomLayout(path, bytes).walk();
    }

    private Image walk() {
        if (b.length < 132) throw fail("it is only " + b.length + " bytes long, shorter than a DICOM preamble");
        if (b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') stream = location = 132;
        else if (!((b[0] == 8 || b[0] == 2) && b[1] == 0 && b[3] == 0))
            throw fail("it has no \"DICM\" marker at byte 128 and does not start like an ACR/NEMA file", "give a DICOM (.dcm) slice");
        int width = 0, height = 0, frames = 0, samples = 1, planar = 0, bits = 16;
        int fileType = FileInfo.GRAY16_UNSIGNED;
        boolean signed = false;
        String photometric = "", slope = "", intercept = "";
        long[] lut = {-1, -1, -1}; // entries of each palette ImageJ keeps; -1: none (absent, or of odd length)
        while (true) {
            long at = stream;
            int tag = nextTag(at);
            int length = lastLength;
            if ((location & 1) != 0) oddLocations = true;
            if (inSequence && !acquisitionSequence) {
                skipValue(tag, length, at);
                continue;
            }
            switch (tag) {
                case TRANSFER_SYNTAX -> {
                    String s = text(tag, length, at);
                    if (s.contains("1.2.4") || s.contains("1.2.5"))
                        throw fail("its transfer syntax " + s.strip() + " is compressed, which ImageJ does not decode",
                                "convert it to an uncompressed slice first (e.g. gdcmconv --raw IN OUT)");
                    if (s.contains("1.2.840.10008.1.2.2")) bigEndianSyntax = true;
                }
                case FRAMES -> {
                    double f = number(text(tag, length, at));
                    if (f > 1) frames = (int) f;
                }
                case PHOTOMETRIC -> photometric = text(tag, length, at);
                case RESCALE_SLOPE -> slope = text(tag, length, at);
                case RESCALE_INTERCEPT -> intercept = text(tag, length, at);
                case MODALITY, PIXEL_SPACING, IMAGER_PIXEL_SPACING, SLICE_THICKNESS, SLICE_SPACING, WINDOW_CENTER, WINDOW_WIDTH -> text(tag, length, at);
                case SAMPLES_PER_PIXEL -> samples = u16(at);
                case PLANAR_CONFIGURATION -> planar = u16(at);
                case ROWS -> height = u16(at);
                case COLUMNS -> width = u16(at);
                case BITS_ALLOCATED -> {
                    bits = u16(at);
                    if (bits == 8) fileType = FileInfo.GRAY8;
                    else if (bits == 32) fileType = FileInfo.GRAY32_UNSIGNED;
                }
                case PIXEL_REPRESENTATION -> {
                    if (u16(at) == 1) {
                        fileType = FileInfo.GRAY16_SIGNED;
                        signed = true;
                    }
                }
                case RED_PALETTE, GREEN_PALETTE, BLUE_PALETTE -> {
                    take(tag, length, at); // ImageJ reads a palette of odd length as text, of even length as 16-bit entries
                    lut[tag - RED_PALETTE] = (length & 1) == 0 ? length / 2 : -1;
                }
                case FLOAT_PIXEL_DATA, PIXEL_DATA, OLD_PIXEL_DATA -> {
                    if (tag == FLOAT_PIXEL_DATA) fileType = FileInfo.GRAY32_FLOAT;
                    if (length != 0) {
                        if (fileType == FileInfo.GRAY8 && lut[0] >= 0 && lut[0] == lut[1] && lut[0] == lut[2])
                            fileType = FileInfo.COLOR8;
                        if (fileType == FileInfo.GRAY32_UNSIGNED && signed) fileType = FileInfo.GRAY32_INT;
                        if (samples == 3 && photometric.startsWith("RGB")) {
                            if (planar == 0) fileType = FileInfo.RGB;
                            else if (planar == 1) fileType = FileInfo.RGB_PLANAR;
                        }
                        return image(width, height, frames, fileType, tag == OLD_PIXEL_DATA ? location + 4 : location, bits,
                                rescale("Rescale Slope", slope, 1), rescale("Rescale Intercept", intercept, 0));
                    }
                }
                default -> skipValue(tag, length, at);
            }
        }
    }

    private Image image(int width, int height, int frames, int fileType, long offset, int bits, double slope, double intercept) {
        if (width < 1 || height < 1)
            throw fail("it describes an image of " + width + " × " + height + " pixels (Rows and Columns)", "give a DICOM slice with an image");
        if (offset <= 0) throw fail("its pixel data would start at byte " + offset + ", before the file begins (corrupt element lengths)",
                "give an intact DICOM slice");
        Image im = new Image(width, height, frames, fileType, offset, slope, intercept);
        if (im.pixelBytes() == 0)
            throw fail("its pixels are of a type ImageJ does not read (" + bits + " bits allocated)", "give a slice with 8-, 16- or 32-bit pixels");
        if (offset + im.pixelBytes() > b.length)
            throw fail(width + " × " + height + " pixels" + (frames > 1 ? " × " + frames + " frames" : "") + " of " + bits + " bits need "
                    + im.pixelBytes() + " bytes from byte " + offset + ", but the file has " + b.length + " (truncated file, or wrong Rows, Columns,"
                    + " Bits Allocated or Number of Frames)", "give an intact DICOM slice");
        return im;
    }

    // ---- ImageJ's framing

    private int lastLength;

    /** The next tag, with its length in {@link #lastLength} and the VR guess in {@link #vr}. */
    private int nextTag(long at) {
        int group = u16(at);
        if (group == 0x0800 && bigEndianSyntax) {
            littleEndian = false;
            group = 0x0008;
        }
        int element = u16(at);
        int tag = group << 16 | element;
        int b0 = u8(at), b1 = u8(at), b2 = u8(at), b3 = u8(at);
        vr = b0 << 8 | b1;
        int length;
        if (isAnyOf(vr, "OB", "OW", "SQ", "UN", "UT", "OF", "OL", "OD", "UC", "UR", "OV", "SV", "UV")) {
            if (b2 == 0 || b3 == 0) length = s32(at);
            else {
                vr = IMPLICIT;
                length = littleEndian ? b3 << 24 | b2 << 16 | b1 << 8 | b0 : b0 << 24 | b1 << 16 | b2 << 8 | b3;
            }
        } else if (isAnyOf(vr, "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "PN", "SH", "SL", "SS", "ST", "TM", "UI",
                "UL", "US", "QQ")) {
            length = littleEndian ? b3 << 8 | b2 : b2 << 8 | b3;
        } else {
            vr = IMPLICIT;
            length = littleEndian ? b3 << 24 | b2 << 16 | b1 << 8 | b0 : b0 << 24 | b1 << 16 | b2 << 8 | b3;
        }
        if (length == 13 && !oddLocations) length = 10; // ImageJ's allowance for some GE files
        if (length == -1) { // undefined length: ImageJ steps into the sequence
            length = 0;
            inSequence = true;
        }
        lastLength = length;
        return tag;
    }

    /** What ImageJ reads of an element it does not use: by VR, the dictionary's VR for an implicit one. */
    private void skipValue(int tag, int length, long at) {
        if (tag == ITEM_DELIMITATION || tag == SEQUENCE_DELIMITATION) {
            inSequence = false;
            return;
        }
        if (vr == IMPLICIT) {
            String id = Dictionary.VR.getProperty(String.format(Locale.ROOT, "%08X", tag));
            if (id != null && id.length() >= 2) vr = vr(id.substring(0, 2));
        }
        if (tag == ITEM) return;
        if (vr == vr("FD") && length == 8 || vr == vr("FL") && length == 4) take(tag, length, at);
        else if (isAnyOf(vr, "FD", "FL")) take(tag, Math.max(0, length), at);
        else if (isAnyOf(vr, "AE", "AS", "AT", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UI", "UN") || vr == IMPLICIT)
            text(tag, length, at);
        else if (isAnyOf(vr, "US", "SS")) take(tag, length == 2 ? 2 : 2L * (length / 2 > 0 ? length / 2 : 0), at);
        else if (isAnyOf(vr, "UL", "SL")) take(tag, length == 4 ? 4 : 4L * (length / 4 > 0 ? length / 4 : 0), at);
        else if (vr == vr("SQ")) {
            if (tag == ACQUISITION_CONTEXT_SEQUENCE) acquisitionSequence = true;
            if (tag == VIEW_CODE_SEQUENCE) acquisitionSequence = false;
            boolean privateTag = ((tag >> 16) & 1) != 0;
            if (tag == ICON_IMAGE_SEQUENCE || privateTag) skip(tag, length, at);
        } else skip(tag, length, at);
    }

    /** ImageJ's skip: forward in the file when positive; a negative one only moves its counter back. */
    private void skip(int tag, int length, long at) {
        if (length > 0) {
            if (stream + length > b.length) throw beyond(tag, length, at);
            stream += length;
        }
        location += length;
    }

    /** A value ImageJ allocates and reads whole (text, palettes): a negative or too long length is refused here. */
    private String text(int tag, int length, long at) {
        take(tag, length, at);
        return new String(b, (int) (stream - length), length, StandardCharsets.ISO_8859_1);
    }

    private void take(int tag, long length, long at) {
        if (length < 0)
            throw fail("its element " + tagText(tag) + " at byte " + at + " has the negative length " + length + " (a corrupt file)", "give an intact DICOM slice");
        if (stream + length > b.length) throw beyond(tag, length, at);
        stream += length;
        location += length;
    }

    private UserError beyond(int tag, long length, long at) {
        return fail("its element " + tagText(tag) + " at byte " + at + " claims " + length + " bytes but only " + (b.length - stream)
                + " follow (a truncated or corrupt file)", "give an intact DICOM slice");
    }

    private int u8(long at) {
        if (stream >= b.length) throw fail("it ends inside the element at byte " + at + ", before any pixel data (truncated file)", "give an intact DICOM slice");
        location++;
        return b[(int) stream++] & 0xFF;
    }

    private int u16(long at) {
        int b0 = u8(at), b1 = u8(at);
        return littleEndian ? b1 << 8 | b0 : b0 << 8 | b1;
    }

    private int s32(long at) {
        int b0 = u8(at), b1 = u8(at), b2 = u8(at), b3 = u8(at);
        return littleEndian ? b3 << 24 | b2 << 16 | b1 << 8 | b0 : b0 << 24 | b1 << 16 | b2 << 8 | b3;
    }

    /**
     * A rescale value (a decimal string): absent or blank is {@code otherwise}; one that is not a finite number is
     * refused (ImageJ would read it as 0 and scale every pixel to the intercept).
     */
    private double rescale(String name, String text, double otherwise) {
        String t = text.replace('\0', ' ').strip();
        if (t.isEmpty()) return otherwise;
        if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) { // a DICOM decimal string
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) return v;
        }
        throw fail("its " + name + " is \"" + t + "\", not a finite number", "fix the " + name + " element (0028," + (name.endsWith("Slope") ? "1053" : "1052") + ")");
    }

    /** ImageJ's reading of a decimal string: a leading backslash dropped, anything unparseable 0. */
    private static double number(String s) {
        if (s.startsWith("\\")) s = s.substring(1);
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int vr(String two) { return two.charAt(0) << 8 | two.charAt(1); }

    private static boolean isAnyOf(int vr, String... names) {
        for (String n : names) if (vr == vr(n)) return true;
        return false;
    }

    private static String tagText(int tag) { return String.format(Locale.ROOT, "(%04X,%04X)", tag >>> 16, tag & 0xFFFF); }

    private UserError fail(String problem) { return fail(path, problem, "give a DICOM (.dcm) slice"); }

    private UserError fail(String problem, String fix) { return fail(path, problem, fix); }

    private static UserError fail(Path path, String problem, String fix) {
        return new UserError("cannot read DICOM " + path + ": " + problem.replaceAll("\\p{Cntrl}", "?") + " — " + fix);
    }

    /** ImageJ's data dictionary (tag → two-letter VR and name), as its decoder loads it: a DICOM_Dictionary.txt in ImageJ's folder, or its own. */
    static final class Dictionary {
        static final Properties VR = load();

        private static Properties load() {
            Path file = Path.of(ij.Prefs.getImageJDir() + "DICOM_Dictionary.txt");
            if (Files.exists(file)) {
                try (InputStream in = Files.newInputStream(file)) {
                    Properties p = new Properties();
                    p.load(in);
                    return p;
                } catch (IOException | IllegalArgumentException e) {
                    // ImageJ falls back to its own dictionary as well
                }
            }
            try {
                Class<?> c = Class.forName("ij.plugin.DicomDictionary");
                var k = c.getDeclaredConstructor();
                k.setAccessible(true);
                var m = c.getDeclaredMethod("getDictionary");
                m.setAccessible(true);
                return (Properties) m.invoke(k.newInstance());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("ImageJ's DICOM dictionary is not where ImageJ 1.54 keeps it (ij.plugin.DicomDictionary)", e);
            }
        }
    }
}
