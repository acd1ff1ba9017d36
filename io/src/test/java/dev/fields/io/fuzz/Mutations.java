package dev.fields.io.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Seeded mutations of bytes, text and JSON trees: bit flips, truncations, splices and edits to hostile values. */
final class Mutations {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    /** Numbers that break size arithmetic: signs, 32- and 64-bit edges, wraps to small values, non-integers. */
    static final String[] HOSTILE_NUMBERS = {"0", "1", "-1", "-16", "2", "3", "255", "256", "65535", "65536", "2147483647", "2147483648",
            "-2147483648", "4294967295", "4294967296", "4294967312", "85899346", "999999999", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "99999999999999999999999", "1.5", "-0", "1e30", "-1e30", "1e308",
            "1e999", "nan", "NaN", "inf", "-inf", "0x10", ""};

    private final SplittableRandom rnd;

    Mutations(SplittableRandom rnd) { this.rnd = rnd; }

    int below(int n) { return rnd.nextInt(n); }

    boolean chance(double p) { return rnd.nextDouble() < p; }

    <T> T pick(T[] a) { return a[rnd.nextInt(a.length)]; }

    /** One to eight byte-level edits: bit flips, random bytes, truncation, extension, a deleted or repeated span. */
    byte[] bytes(byte[] in) {
        byte[] b = in.clone();
        int edits = 1 + rnd.nextInt(8);
        for (int e = 0; e < edits && b.length > 0; e++) {
            switch (rnd.nextInt(7)) {
                case 0, 1 -> { int i = rnd.nextInt(b.length); b[i] ^= (byte) (1 << rnd.nextInt(8)); }
                case 2 -> b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                case 3 -> b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
                case 4 -> {
                    byte[] x = java.util.Arrays.copyOf(b, b.length + 1 + rnd.nextInt(64));
                    for (int i = b.length; i < x.length; i++) x[i] = (byte) rnd.nextInt(256);
                    b = x;
                }
                case 5 -> b = splice(b, rnd.nextInt(b.length), rnd.nextInt(Math.min(64, b.length) + 1), new byte[0]);
                default -> {
                    int s = rnd.nextInt(b.length), n = 1 + rnd.nextInt(Math.min(64, b.length - s));
                    b = splice(b, s, 0, java.util.Arrays.copyOfRange(b, s, s + n));
                }
            }
        }
        return b;
    }

    static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        remove = Math.min(remove, b.length - at);
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }

    /** Text edits: a number replaced by a hostile one, a line deleted or repeated, a character inserted, deleted or swapped. */
    String text(String in) {
        String s = in;
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            switch (rnd.nextInt(6)) {
                case 0, 1, 2 -> s = number(s);
                case 3 -> {
                    String[] lines = s.split("\n", -1);
                    int i = rnd.nextInt(lines.length);
                    List<String> l = new ArrayList<>(List.of(lines));
                    if (rnd.nextBoolean()) l.remove(i); else l.add(i, lines[i]);
                    s = String.join("\n", l);
                }
                case 4 -> {
                    if (s.isEmpty()) break;
                    int i = rnd.nextInt(s.length());
                    s = s.substring(0, i) + pick(new String[]{"\u0000", "#", "-", ".", " ", "\n", "e", "\u00e9", "\r\n", "\t"}) + s.substring(i);
                }
                default -> { if (!s.isEmpty()) { int i = rnd.nextInt(s.length()); s = s.substring(0, i) + s.substring(i + 1); } }
            }
        }
        return s;
    }

    /** One number token of the text replaced by a hostile value. */
    String number(String s) {
        Matcher m = NUMBER.matcher(s);
        List<int[]> at = new ArrayList<>();
        while (m.find() && at.size() < 4096) at.add(new int[]{m.start(), m.end()});
        if (at.isEmpty()) return s;
        int[] r = at.get(rnd.nextInt(at.size()));
        return s.substring(0, r[0]) + pick(HOSTILE_NUMBERS) + s.substring(r[1]);
    }

    /** A random node of the tree (any depth) replaced by a hostile JSON value; a string that holds JSON is mutated inside. */
    JsonNode tree(JsonNode root) {
        JsonNode copy = root.deepCopy();
        List<Object[]> slots = new ArrayList<>();
        collect(copy, slots);
        if (slots.isEmpty()) return copy;
        Object[] slot = slots.get(rnd.nextInt(slots.size()));
        JsonNode old = slot[0] instanceof ObjectNode o ? o.get((String) slot[1]) : ((ArrayNode) slot[0]).get((Integer) slot[1]);
        JsonNode replacement = replacement(old);
        if (slot[0] instanceof ObjectNode o) {
            if (replacement == null) o.remove((String) slot[1]); else o.set((String) slot[1], replacement);
        } else {
            ArrayNode a = (ArrayNode) slot[0];
            if (replacement == null) a.remove((Integer) slot[1]); else a.set((Integer) slot[1], replacement);
        }
        return copy;
    }

    private static void collect(JsonNode n, List<Object[]> slots) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                var e = it.next();
                slots.add(new Object[]{o, e.getKey()});
                collect(e.getValue(), slots);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                slots.add(new Object[]{a, i});
                collect(a.get(i), slots);
            }
        }
    }

    /** A hostile value for this node, or null to remove it. */
    private JsonNode replacement(JsonNode old) {
        if (old.isTextual() && old.asText().startsWith("{") && rnd.nextInt(3) > 0) {
            try {
                JsonNode inner = dev.fields.io.spec.SpecJson.MAPPER.readTree(old.asText());
                return F.textNode(rnd.nextBoolean() ? tree(inner).toString() : text(inner.toString()));
            } catch (Exception e) {
                return F.textNode(text(old.asText()));
            }
        }
        return switch (rnd.nextInt(14)) {
            case 0 -> null;
            case 1 -> F.nullNode();
            case 2 -> F.objectNode().put("a", 1);
            case 3 -> F.arrayNode();
            case 4 -> F.textNode(pick(new String[]{"null", "", "{}", "[]", "x", "1", "F32", "F16", "checkpoint", "field", "0", "2"}));
            case 5 -> F.booleanNode(rnd.nextBoolean());
            case 6 -> F.arrayNode().add(-1).add(-16);
            case 7 -> F.arrayNode().add(2147483647).add(2147483647).add(256);
            case 8 -> F.numberNode(new java.math.BigInteger("4294967312"));
            case 9 -> F.numberNode(rnd.nextBoolean() ? 1e30 : -0.5);
            case 10 -> old.isArray() && old.size() > 0 ? ((ArrayNode) old.deepCopy()).add(old.get(0)) : F.numberNode(-1);
            default -> {
                try {
                    yield dev.fields.io.spec.SpecJson.MAPPER.readTree(number(old.toString()));
                } catch (Exception e) {
                    yield F.textNode(pick(HOSTILE_NUMBERS));
                }
            }
        };
    }

    static String latin1(byte[] b) { return new String(b, StandardCharsets.ISO_8859_1); }
}
