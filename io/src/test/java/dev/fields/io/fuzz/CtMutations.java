package dev.fields.io.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fields.io.spec.SpecJson;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Format-aware mutations of the CT inputs, on top of {@link Mutations}' byte and text edits: {@code .npy} shape entries,
 * dtype strings and header lengths; TIFF entry counts, types, values, offsets and strip arrays; PNG header fields and
 * chunk lengths (with the CRC repaired or not); DICOM element lengths, VRs and the values ImageJ reads; geometry JSON
 * trees. About a third of the inputs get plain byte edits instead.
 */
final class CtMutations {
    private final Mutations mut;

    CtMutations(Mutations mut) { this.mut = mut; }

    /** Integers that break size arithmetic, as 32-bit patterns. */
    private static final long[] HOSTILE_INTS = {0, 1, 2, 3, 4, 7, 8, 13, 16, 32, 64, 255, 256, 65535, 65536, 0x7FFFFFFFL, 0x80000000L,
            0xFFFFFFFFL, 0xFFFFFFFEL, 0x40000000L, 0x10000001L, 1 << 20, 1 << 24, 46341, 92682};

    private long hostileInt(int fileLength, long old) {
        return switch (mut.below(8)) {
            case 0 -> fileLength;
            case 1 -> fileLength + mut.below(9) - 4;
            case 2 -> old + mut.below(9) - 4;
            case 3 -> old * 2;
            default -> HOSTILE_INTS[mut.below(HOSTILE_INTS.length)];
        };
    }

    // ---------------------------------------------------------------- .npy

    private static final String[] SHAPES = {"(-1, 16)", "(2147483647, 2147483647, 256)", "(4294967312,)", "(4294967296, 1)", "(1073741824, 4)",
            "(0,)", "()", "(3, 0)", "(0, 5)", "(3, 5, 1)", "(1, 15)", "(15, 1)", "(5, 3)", "(99999999999999999999,)", "(3,5)", "[3, 5]", "{'a': 1}",
            "(3.0, 5)", "('3', 5)", "(3, -5)", "(9223372036854775807, 2)", "(2147483648,)", "((3,),)", "(True, 5)", "(3, 5", "(715827883, 3)",
            "(536870912, 2)", "(46341, 46341)", "(3, 5, 0, 7)", "(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 15)", "None", "(3, 5,,)", "(+3, 5)", "(3L, 5L)"};
    private static final String[] DTYPES = {"<f4", ">f4", "<f8", ">f8", "|u1", "<u2", ">i2", "<i4", "<i8", "<u8", "|i1", ">u4", "<c8", "<f2", "|b1",
            "|O", "<U3", "|S4", "<M8[s]", "|V4", "=f4", "f4", "<f16", "", "<", "<f", "<f4 ", "<F4", "|f4", ">u1", "<f0", "<f-4", "\\x00"};

    byte[] npy(byte[] seed) {
        if (mut.chance(0.3) || seed.length < 12) return mut.bytes(seed);
        int major = seed[6] & 0xFF, lenBytes = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.wrap(seed).order(ByteOrder.LITTLE_ENDIAN);
        long hl = lenBytes == 2 ? b.getShort(8) & 0xFFFF : b.getInt(8) & 0xFFFFFFFFL;
        int start = 8 + lenBytes;
        if (start + hl > seed.length) return mut.bytes(seed);
        String header = Mutations.latin1(Arrays.copyOfRange(seed, start, start + (int) hl));
        byte[] data = Arrays.copyOfRange(seed, start + (int) hl, seed.length);
        for (int e = 1 + mut.below(2); e > 0; e--) {
            switch (mut.below(7)) {
                case 0, 1 -> header = header.replaceFirst("'shape': (\\([^)]*\\))?", "'shape': " + java.util.regex.Matcher.quoteReplacement(mut.pick(SHAPES)));
                case 2 -> header = header.replaceFirst("'descr': '[^']*'", "'descr': '" + java.util.regex.Matcher.quoteReplacement(mut.pick(DTYPES)) + "'");
                case 3 -> header = mut.number(header);
                case 4 -> header = mut.text(header);
                case 5 -> header = header.replace(mut.chance(0.5) ? "False" : "True", mut.pick(new String[]{"True", "False", "None", "1", "'True'"}));
                default -> data = Arrays.copyOf(data, mut.chance(0.5) ? mut.below(data.length + 1) : data.length + 1 + mut.below(64));
            }
        }
        if (mut.chance(0.7)) { // numpy pads the header with spaces to a multiple of 64 and ends it with a newline
            header = header.stripTrailing();
            int total = start + header.length() + 1;
            header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        }
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        long length = mut.chance(0.85) ? h.length : hostileInt(seed.length, h.length);
        ByteBuffer out = ByteBuffer.allocate(start + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(seed, 0, 8);
        if (lenBytes == 2) out.putShort((short) length); else out.putInt((int) length);
        out.put(h).put(data);
        byte[] r = out.array();
        if (mut.chance(0.05)) r[6] = (byte) mut.pick(new Integer[]{0, 1, 2, 3, 4, 255}).intValue();
        return r;
    }

    // ---------------------------------------------------------------- TIFF

    private static final int[] TIFF_KEY_TAGS = {256, 257, 258, 259, 262, 273, 277, 278, 279, 284, 317, 322, 323, 324, 325, 338, 339};
    private static final long[] TIFF_VALUES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 24, 32, 33, 64, 128, 32773, 32946, 34712, 65535, 65536, 0x7FFFFFFFL,
            0xFFFFFFFFL, 0x80000000L, 46341};

    byte[] tiff(byte[] seed) {
        if (mut.chance(0.3) || seed.length < 16) return mut.bytes(seed);
        byte[] b = seed.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(b[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int ifd = buf.getInt(4);
        if (ifd < 8 || ifd + 2 > b.length) return mut.bytes(seed);
        int n = buf.getShort(ifd) & 0xFFFF;
        if (n == 0 || ifd + 2 + 12 * n + 4 > b.length) return mut.bytes(seed);
        for (int e = 1 + mut.below(3); e > 0; e--) {
            int entry = ifd + 2 + 12 * mut.below(n);
            switch (mut.below(9)) {
                case 0 -> buf.putShort(ifd, (short) mut.pick(new Integer[]{0, 1, n - 1, n + 1, 0xFFFF, 0x8000, 400}).intValue());
                case 1 -> buf.putInt(entry + 4, (int) hostileInt(b.length, buf.getInt(entry + 4)));
                case 2 -> buf.putInt(entry + 8, (int) hostileInt(b.length, buf.getInt(entry + 8)));
                case 3 -> buf.putShort(entry + 2, (short) mut.pick(new Integer[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 18, 0xFFFF}).intValue());
                case 4, 5 -> { // a key tag's value: a SHORT sits in the first two bytes of the value field
                    int tag = TIFF_KEY_TAGS[mut.below(TIFF_KEY_TAGS.length)];
                    for (int k = 0; k < n; k++) {
                        int at = ifd + 2 + 12 * k;
                        if ((buf.getShort(at) & 0xFFFF) != tag) continue;
                        long v = TIFF_VALUES[mut.below(TIFF_VALUES.length)];
                        if (mut.chance(0.3)) buf.putShort(at + 2, (short) 4).putInt(at + 4, 1); // as one LONG: values past 65535
                        if ((buf.getShort(at + 2) & 0xFFFF) == 3 && buf.getInt(at + 4) == 1) buf.putShort(at + 8, (short) v);
                        else buf.putInt(at + 8, (int) v);
                    }
                }
                case 6 -> buf.putShort(entry, (short) TIFF_KEY_TAGS[mut.below(TIFF_KEY_TAGS.length)]);
                case 7 -> { // the next-IFD offset (a loop back to this IFD, or anywhere) or the first-IFD offset
                    if (mut.chance(0.7)) buf.putInt(ifd + 2 + 12 * n, (int) mut.pick(new Long[]{(long) ifd, 8L, (long) b.length, (long) b.length - 4,
                            hostileInt(b.length, 0)}).longValue());
                    else buf.putInt(4, (int) hostileInt(b.length, ifd));
                }
                default -> { // an entry of an array held elsewhere (strip offsets and byte counts of a multi-strip file)
                    int count = buf.getInt(entry + 4), at = buf.getInt(entry + 8);
                    int type = buf.getShort(entry + 2) & 0xFFFF;
                    if (type == 4 && count > 1 && at >= 0 && at + 4L * count <= b.length) buf.putInt(at + 4 * mut.below(count), (int) hostileInt(b.length, 0));
                    else buf.putInt(entry + 8, (int) hostileInt(b.length, buf.getInt(entry + 8)));
                }
            }
        }
        return mut.chance(0.15) ? Arrays.copyOf(b, mut.below(b.length + 1)) : b;
    }

    // ---------------------------------------------------------------- PNG

    private record Chunk(int at, int length, String type) {}

    private static List<Chunk> chunks(byte[] b) {
        List<Chunk> c = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(b);
        int at = 8;
        while (at + 12 <= b.length) {
            int len = buf.getInt(at);
            if (len < 0 || at + 12L + len > b.length) break;
            c.add(new Chunk(at, len, new String(b, at + 4, 4, StandardCharsets.ISO_8859_1)));
            at += 12 + len;
        }
        return c;
    }

    private static void crc(byte[] b, Chunk c) {
        CRC32 crc = new CRC32();
        crc.update(b, c.at + 4, 4 + c.length);
        ByteBuffer.wrap(b).putInt(c.at + 8 + c.length, (int) crc.getValue());
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] out = new byte[12 + data.length];
        ByteBuffer.wrap(out).putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        crc(out, new Chunk(0, data.length, type));
        return out;
    }

    byte[] png(byte[] seed) {
        List<Chunk> cs = chunks(seed);
        if (mut.chance(0.3) || cs.isEmpty() || !cs.get(0).type.equals("IHDR")) return mut.bytes(seed);
        byte[] b = seed.clone();
        ByteBuffer buf = ByteBuffer.wrap(b);
        Chunk ihdr = cs.get(0);
        boolean fixCrc = mut.chance(0.85);
        switch (mut.below(7)) {
            case 0, 1 -> buf.putInt(ihdr.at + 8 + (mut.chance(0.5) ? 0 : 4), (int) hostileInt(b.length, buf.getInt(ihdr.at + 8)));
            case 2 -> b[ihdr.at + 16 + mut.below(5)] = (byte) mut.pick(new Integer[]{0, 1, 2, 3, 4, 6, 7, 8, 16, 32, 255}).intValue();
            case 3 -> { // a chunk length: the CRC then sits elsewhere
                Chunk c = cs.get(mut.below(cs.size()));
                buf.putInt(c.at, (int) hostileInt(b.length, c.length));
                fixCrc = false;
            }
            case 4 -> { // bytes of the compressed data
                for (Chunk c : cs) {
                    if (!c.type.equals("IDAT") || c.length == 0) continue;
                    for (int k = 1 + mut.below(4); k > 0; k--) b[c.at + 8 + mut.below(c.length)] ^= (byte) (1 << mut.below(8));
                    if (fixCrc) crc(b, c);
                }
                fixCrc = false;
            }
            case 5 -> { // a chunk inserted after IHDR: a palette, text, or one that claims more bytes than follow
                byte[] data = new byte[mut.below(40)];
                for (int i = 0; i < data.length; i++) data[i] = (byte) mut.below(256);
                byte[] c = chunk(mut.pick(new String[]{"PLTE", "tEXt", "zTXt", "iCCP", "sBIT", "tRNS", "gAMA", "IDAT", "IHDR", "IEND", "abcd"}), data);
                if (mut.chance(0.2)) ByteBuffer.wrap(c).putInt(0, (int) hostileInt(b.length, data.length));
                b = Mutations.splice(b, ihdr.at + 12 + ihdr.length, 0, c);
                fixCrc = false;
            }
            default -> { // IEND removed, or the file cut inside a chunk
                Chunk c = cs.get(mut.below(cs.size()));
                b = Arrays.copyOf(b, c.at + mut.below(12 + c.length));
                fixCrc = false;
            }
        }
        if (fixCrc) crc(b, ihdr);
        return b;
    }

    // ---------------------------------------------------------------- DICOM

    /** One data element of an explicit-VR little-endian file: where its length field is and how wide. */
    private record Element(int at, int tag, String vr, int lengthAt, int lengthSize, int valueAt, long length) {}

    private static final java.util.Set<String> LONG_VRS = java.util.Set.of("OB", "OW", "OF", "OD", "OL", "OV", "SQ", "UN", "UT", "UC", "UR", "SV", "UV");

    private static List<Element> elements(byte[] b) {
        List<Element> list = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int at = 132;
        while (at + 8 <= b.length) {
            int tag = (buf.getShort(at) & 0xFFFF) << 16 | (buf.getShort(at + 2) & 0xFFFF);
            String vr = new String(b, at + 4, 2, StandardCharsets.ISO_8859_1);
            Element e;
            if (LONG_VRS.contains(vr)) {
                if (at + 12 > b.length) break;
                e = new Element(at, tag, vr, at + 8, 4, at + 12, buf.getInt(at + 8) & 0xFFFFFFFFL);
            } else if (vr.chars().allMatch(ch -> ch >= 'A' && ch <= 'Z')) {
                e = new Element(at, tag, vr, at + 6, 2, at + 8, buf.getShort(at + 6) & 0xFFFF);
            } else break;
            list.add(e);
            if (tag == 0x7FE00010) break;
            long next = e.valueAt + (e.length == 0xFFFFFFFFL ? 0 : e.length);
            if (next > b.length) break;
            at = (int) next;
        }
        return list;
    }

    private static final int[] DICOM_SHORTS = {0x00280002, 0x00280006, 0x00280010, 0x00280011, 0x00280100, 0x00280101, 0x00280103};
    private static final int[] DICOM_STRINGS = {0x00020010, 0x00280004, 0x00280008, 0x00280030, 0x00281050, 0x00281051, 0x00281052, 0x00281053, 0x00080060};
    private static final String[] DICOM_TEXT = {"1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.4.50",
            "1.2.840.10008.1.2.5", "RGB", "PALETTE COLOR", "MONOCHROME1", "MONOCHROME2", "YBR_FULL", "2", "3", "1", "0", "-1", "1e9", "2147483647",
            "65536", "0.5\\0.5", "0.5\\0.25", "0\\0", "\\", "-1\\-1", "1e308\\1e308", "nan\\nan", "2", "0.001", "-1024", "1e30", "NaN", "Infinity", "",
            "CT", "MR"};
    private static final String[] VRS = {"SQ", "OB", "OW", "UN", "UT", "US", "UL", "SS", "SL", "FD", "FL", "DS", "IS", "XX", "\0\0", "OF", "LO", "AT"};

    byte[] dicom(byte[] seed) {
        List<Element> es = elements(seed);
        if (mut.chance(0.25) || es.isEmpty()) return mut.bytes(seed);
        byte[] b = seed.clone();
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        Element e = es.get(mut.below(es.size()));
        switch (mut.below(9)) {
            case 0, 1 -> { // an element's length
                long v = e.lengthSize == 2 ? mut.pick(new Long[]{0L, 1L, 2L, 13L, 0xFFFFL, 0x8000L, e.length + 2, e.length - 2, e.length + 1})
                        : hostileInt(b.length - e.valueAt, e.length);
                if (e.lengthSize == 2) buf.putShort(e.lengthAt, (short) v); else buf.putInt(e.lengthAt, (int) v);
            }
            case 2, 3 -> { // a 16-bit value ImageJ reads: rows, columns, bits, pixel representation, samples, planar configuration
                int tag = DICOM_SHORTS[mut.below(DICOM_SHORTS.length)];
                short v = (short) mut.pick(new Integer[]{0, 1, 2, 3, 8, 12, 16, 24, 32, 64, 0x7FFF, 0x8000, 0xFFFF, 4096, 65, 63}).intValue();
                Element t = find(es, tag);
                if (t != null) buf.putShort(t.valueAt, v);
                else b = insertBeforePixels(b, es, element(tag, "US", le16(v)));
            }
            case 4 -> { // a text value ImageJ parses, with the length updated (mostly)
                int tag = DICOM_STRINGS[mut.below(DICOM_STRINGS.length)];
                String text = mut.chance(0.8) ? mut.pick(DICOM_TEXT) : mut.pick(Mutations.HOSTILE_NUMBERS);
                byte[] value = (text.length() % 2 == 1 ? text + " " : text).getBytes(StandardCharsets.ISO_8859_1);
                Element t = find(es, tag);
                String vr = tag == 0x00020010 ? "UI" : tag == 0x00280004 || tag == 0x00080060 ? "CS" : tag == 0x00280008 ? "IS" : "DS";
                if (t == null) b = insertBeforePixels(b, es, element(tag, vr, value));
                else {
                    byte[] el = element(tag, t.vr.equals(vr) || mut.chance(0.8) ? t.vr : vr, value);
                    if (mut.chance(0.15)) ByteBuffer.wrap(el).order(ByteOrder.LITTLE_ENDIAN).putShort(6, (short) (value.length + mut.below(7) - 3));
                    b = Mutations.splice(b, t.at, (int) (t.valueAt - t.at + Math.min(t.length, b.length - t.valueAt)), el);
                }
            }
            case 5 -> { // an element's VR (the length field then reads differently)
                byte[] vr = mut.pick(VRS).getBytes(StandardCharsets.ISO_8859_1);
                b[e.at + 4] = vr[0];
                b[e.at + 5] = vr[1];
            }
            case 6 -> { // an element inserted before the pixels: a sequence of undefined length, a palette, frames, a private sequence
                byte[] el = switch (mut.below(4)) {
                    case 0 -> sequence(0x00081140, mut.chance(0.5));
                    case 1 -> sequence(0x00090010 | 0x1000, mut.chance(0.5));
                    case 2 -> lut(0x00281201 + mut.below(3), mut.chance(0.5) ? 0xFFFFFFF0L : 2L * mut.below(300));
                    default -> element(0x00280008, "IS", (mut.pick(new String[]{"2 ", "1000", "99999999", "0 ", "-5", "1.5 "})).getBytes(StandardCharsets.ISO_8859_1));
                };
                b = insertBeforePixels(b, es, el);
            }
            case 7 -> { // the pixel data cut short, or its length changed
                Element p = find(es, 0x7FE00010);
                if (p == null) return mut.bytes(seed);
                if (mut.chance(0.5)) b = Arrays.copyOf(b, p.valueAt + mut.below((int) Math.min(p.length + 1, b.length - p.valueAt)));
                else buf.putInt(p.lengthAt, (int) hostileInt(b.length - p.valueAt, p.length));
            }
            default -> { // the DICM marker or the meta group: ImageJ then tries ACR/NEMA from byte 0
                if (mut.chance(0.5)) b[128 + mut.below(4)] ^= (byte) (1 << mut.below(8));
                else { b[0] = (byte) mut.pick(new Integer[]{8, 2, 0}).intValue(); b[1] = 0; b[3] = 0; b[128] = 'X'; }
            }
        }
        return mut.chance(0.1) ? Arrays.copyOf(b, mut.below(b.length + 1)) : b;
    }

    private static Element find(List<Element> es, int tag) {
        for (Element e : es) if (e.tag == tag) return e;
        return null;
    }

    private static byte[] insertBeforePixels(byte[] b, List<Element> es, byte[] el) {
        Element p = find(es, 0x7FE00010);
        return Mutations.splice(b, p == null ? es.get(es.size() - 1).at : p.at, 0, el);
    }

    private static byte[] le16(short v) { return new byte[]{(byte) v, (byte) (v >> 8)}; }

    private static byte[] element(int tag, String vr, byte[] value) {
        boolean wide = LONG_VRS.contains(vr);
        ByteBuffer e = ByteBuffer.allocate((wide ? 12 : 8) + value.length).order(ByteOrder.LITTLE_ENDIAN);
        e.putShort((short) (tag >>> 16)).putShort((short) tag).put(vr.getBytes(StandardCharsets.ISO_8859_1));
        if (wide) e.putShort((short) 0).putInt(value.length); else e.putShort((short) value.length);
        return e.put(value).array();
    }

    /** A sequence with one item holding a Rows element; of undefined length (closed by delimiters) or not. */
    private static byte[] sequence(int tag, boolean undefined) {
        byte[] rows = element(0x00280010, "US", le16((short) 7));
        ByteBuffer s = ByteBuffer.allocate(12 + 8 + rows.length + (undefined ? 16 : 0)).order(ByteOrder.LITTLE_ENDIAN);
        s.putShort((short) (tag >>> 16)).putShort((short) tag).put("SQ".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 0);
        s.putInt(undefined ? -1 : 8 + rows.length);
        s.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(undefined ? -1 : rows.length).put(rows);
        if (undefined) s.putShort((short) 0xFFFE).putShort((short) 0xE00D).putInt(0).putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        return s.array();
    }

    /** A palette element claiming {@code length} bytes, followed by a few. */
    private static byte[] lut(int tag, long length) {
        ByteBuffer e = ByteBuffer.allocate(12 + 16).order(ByteOrder.LITTLE_ENDIAN);
        e.putShort((short) (tag >>> 16)).putShort((short) tag).put("OW".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 0).putInt((int) length);
        return e.array();
    }

    // ---------------------------------------------------------------- geometry JSON

    byte[] geometry(byte[] seed) throws IOException {
        int kind = mut.below(10);
        if (kind < 2) return mut.bytes(seed);
        String text = new String(seed, StandardCharsets.UTF_8);
        if (kind < 4) return mut.text(text).getBytes(StandardCharsets.UTF_8);
        JsonNode tree = SpecJson.MAPPER.readTree(text);
        for (int e = 1 + mut.below(3); e > 0; e--) tree = mut.tree(tree);
        String out = tree.toString();
        if (mut.chance(0.1)) // a string value with a line break or a control character in it
            out = out.replaceFirst("\"(skimage|astra|fields|parallel|fan|deg|rad)\"", "\"$1" + mut.pick(new String[]{"\\\\n", "\\\\r", "\\\\u0000", "\\\\u2028"}) + "x\"");
        if (mut.chance(0.15)) out = out.replaceFirst("\\{", "{\"" + mut.pick(new String[]{"convention", "angles", "detectors", "beam", "x\\ny", "\\u0000"})
                + "\": " + mut.pick(new String[]{"1", "\"fan\"", "[]", "null", "{\"start\": 0}"}) + ", ");
        return out.getBytes(mut.chance(0.05) ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
    }
}
