package dev.fields.io.fuzz;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Well-formed CT inputs the fuzzer starts from: the golden files of the array and CT reader tests, pydicom's
 * MR_small.dcm, and a few made here for structure the golden files lack (multi-strip and tiled float TIFFs, a larger
 * 16-bit PNG, colour and palette PNGs, fan-beam and listed-angle geometry files). Keys are file names; the extension
 * says the format.
 */
final class CtSeeds {
    private CtSeeds() {}

    static final Path ARRAY = Path.of("src", "test", "resources", "dev", "fields", "io", "array");
    static final Path CT = Path.of("src", "test", "resources", "dev", "fields", "io", "ct");
    static final Path MR_SMALL = Path.of("..", "scenes", "ct", "MR_small.dcm");

    static Map<String, byte[]> npy() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String n : new String[]{"f4_c", "f4_be", "f4_fortran", "f4_be_fortran", "f4_v2", "f4_v3", "f8_c", "f8_be", "f8_fortran_3d", "i2", "i4",
                "u1", "u2", "f4_1d", "f4_empty", "f4_scalar", "golden_2x3", "f2", "c8", "bool", "struct"})
            m.put(n + ".npy", Files.readAllBytes(ARRAY.resolve(n + ".npy")));
        for (String n : new String[]{"sino_f4", "sino_3d", "sino_nan"}) m.put(n + ".npy", Files.readAllBytes(CT.resolve(n + ".npy")));
        return m;
    }

    static Map<String, byte[]> tiff() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String n : new String[]{"sino_f4", "sino_f4_be", "sino_f4_deflate", "sino_f8", "sino_pages", "sino_u16"})
            m.put(n + ".tif", Files.readAllBytes(CT.resolve(n + ".tif")));
        m.put("strips.tif", floatTiff(7, 9, 2, false, ByteOrder.LITTLE_ENDIAN));
        m.put("strips-be.tif", floatTiff(5, 6, 4, false, ByteOrder.BIG_ENDIAN));
        m.put("tiled.tif", floatTiff(20, 18, 16, true, ByteOrder.LITTLE_ENDIAN));
        return m;
    }

    static Map<String, byte[]> png() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String n : new String[]{"sino_16", "sino_8"}) m.put(n + ".png", Files.readAllBytes(CT.resolve(n + ".png")));
        BufferedImage grey = new BufferedImage(23, 17, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = grey.getRaster();
        for (int y = 0; y < 17; y++) for (int x = 0; x < 23; x++) r.setSample(x, y, 0, (x * 2851 + y * 977) % 65536);
        m.put("grey16.png", encode(grey));
        BufferedImage rgb = new BufferedImage(9, 7, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 7; y++) for (int x = 0; x < 9; x++) rgb.setRGB(x, y, (x * 28) << 16 | (y * 36) << 8 | 77);
        m.put("rgb8.png", encode(rgb));
        BufferedImage palette = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < 8; y++) for (int x = 0; x < 8; x++) palette.setRGB(x, y, (x + y) % 2 == 0 ? 0xFFFFFF : 0);
        m.put("palette.png", encode(palette));
        return m;
    }

    static Map<String, byte[]> dicom() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("MR_small.dcm", Files.readAllBytes(MR_SMALL));
        m.put("CT_small.dcm", Files.readAllBytes(CT.resolve("CT_small.dcm")));
        return m;
    }

    static Map<String, byte[]> geometry() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("skimage_geometry.json", Files.readAllBytes(CT.resolve("skimage_geometry.json")));
        m.put("fan.json", ("{\"convention\": \"astra\", \"beam\": \"fan\", \"angles\": {\"start\": 0, \"stop\": 6.283185307179586, \"count\": 8},"
                + " \"angle_unit\": \"rad\", \"detectors\": 16, \"detector_spacing\": 1.5, \"detector_offset\": 0.25, \"source_origin\": 40,"
                + " \"origin_detector\": 20, \"grid_size\": 12, \"pixel_size\": 1, \"flip_detectors\": true}").getBytes(StandardCharsets.UTF_8));
        m.put("listed.json", ("{\"convention\": \"fields\", \"beam\": \"fan\", \"angles\": [0, 0.5, 1.0, 1.5e0, -2],"
                + " \"angle_unit\": \"rad\", \"detectors\": 9, \"detector_spacing\": 0.5, \"source_origin\": 10, \"source_detector\": 25,"
                + " \"grid_size\": 8, \"pixel_size\": 0.25, \"png_scale\": 3.5}").getBytes(StandardCharsets.UTF_8));
        return m;
    }

    private static byte[] encode(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, "png", out)) throw new IOException("no PNG writer");
        return out.toByteArray();
    }

    /** An uncompressed one-channel float32 TIFF in strips of {@code block} rows, or in {@code block}² tiles. */
    static byte[] floatTiff(int width, int height, int block, boolean tiled, ByteOrder order) {
        int across = tiled ? (width + block - 1) / block : 1, down = (height + block - 1) / block;
        int blocks = across * down, blockBytes = tiled ? block * block * 4 : 0;
        List<int[]> entries = new ArrayList<>(); // tag, type, count, value
        int entryCount = tiled ? 12 : 11, ifd = 8, arrays = ifd + 2 + 12 * entryCount + 4, data = arrays + 8 * blocks;
        int[] offsets = new int[blocks], counts = new int[blocks];
        int at = data;
        for (int b = 0; b < blocks; b++) {
            int rows = tiled ? block : Math.min(block, height - b * block);
            counts[b] = tiled ? blockBytes : rows * width * 4;
            offsets[b] = at;
            at += counts[b];
        }
        entries.add(new int[]{256, 4, 1, width});
        entries.add(new int[]{257, 4, 1, height});
        entries.add(new int[]{258, 3, 1, 32});
        entries.add(new int[]{259, 3, 1, 1});
        entries.add(new int[]{262, 3, 1, 1});
        entries.add(new int[]{277, 3, 1, 1});
        entries.add(new int[]{284, 3, 1, 1});
        entries.add(new int[]{339, 3, 1, 3});
        if (tiled) {
            entries.add(new int[]{322, 4, 1, block});
            entries.add(new int[]{323, 4, 1, block});
        } else {
            entries.add(new int[]{278, 4, 1, block});
        }
        entries.add(new int[]{tiled ? 324 : 273, 4, blocks, blocks == 1 ? offsets[0] : arrays});
        entries.add(new int[]{tiled ? 325 : 279, 4, blocks, blocks == 1 ? counts[0] : arrays + 4 * blocks});
        entries.sort((a, b) -> Integer.compare(a[0], b[0]));
        ByteBuffer buf = ByteBuffer.allocate(at).order(order);
        buf.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M').put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        buf.putShort((short) 42).putInt(ifd).putShort((short) entries.size());
        for (int[] e : entries) {
            buf.putShort((short) e[0]).putShort((short) e[1]).putInt(e[2]);
            if (e[1] == 3) buf.putShort((short) e[3]).putShort((short) 0);
            else buf.putInt(e[3]);
        }
        buf.putInt(0);
        for (int b = 0; b < blocks && blocks > 1; b++) buf.putInt(arrays + 4 * b, offsets[b]).putInt(arrays + 4 * blocks + 4 * b, counts[b]);
        for (int b = 0; b < blocks; b++) {
            buf.position(offsets[b]);
            for (int k = 0; k < counts[b] / 4; k++) buf.putFloat(0.25f * (b * 31 + k % 97) - 1.5f);
        }
        return buf.array();
    }
}
