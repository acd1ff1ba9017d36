package dev.fields.io.array;

import dev.fields.io.UserError;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/** Seeded mutants of golden files (bit flips, truncations, header edits): each one is read or refused with a UserError. */
class NpyFuzzTest {
    private static final String[] SEEDS = {"f4_c.npy", "f8_fortran_3d.npy", "f4_be.npy", "f4_v2.npy", "f4_v3.npy", "i2.npy", "f4_scalar.npy"};
    private static final String HEADER_CHARS = "{}()[],:'\" 0123456789-<>|=fiucbOTrueFalsNnoedscrptha_\n\\L";

    @Test void everyMutantIsReadOrRefused() throws Exception {
        SplittableRandom rnd = new SplittableRandom(20240607);
        int read = 0, refused = 0;
        byte[][] seeds = new byte[SEEDS.length][];
        for (int i = 0; i < SEEDS.length; i++) seeds[i] = NpyReaderTest.bytes(SEEDS[i]);
        long start = System.nanoTime();
        for (int m = 0; m < 30_000; m++) {
            byte[] seed = seeds[m % SEEDS.length];
            byte[] mutant = mutate(seed, rnd);
            try {
                NpyReader.Array a = NpyReader.read("mutant" + m + ".npy", mutant);
                long n = 1;
                for (int d : a.shape()) n *= d;
                assertEquals(n, a.data().length);
                read++;
            } catch (UserError e) {
                assertFalse(e.getMessage().contains("\n"), "mutant " + m + ": " + e.getMessage());
                assertTrue(e.getMessage().startsWith("cannot read mutant" + m + ".npy"), e.getMessage());
                refused++;
            } catch (Throwable t) {
                fail("mutant " + m + " of " + SEEDS[m % SEEDS.length] + " threw " + t + "; bytes " + Arrays.toString(mutant), t);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(read > 1000 && refused > 1000, "both outcomes exercised: read " + read + ", refused " + refused);
        assertTrue(seconds < 20, "30,000 mutants took " + seconds + " s");
    }

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int headerEnd = Math.min(b.length, 10 + ((b[8] & 0xFF) | (b[9] & 0xFF) << 8));
        switch (rnd.nextInt(5)) {
            case 0 -> { // bit flips anywhere
                for (int k = rnd.nextInt(1, 4); k > 0; k--) { int i = rnd.nextInt(b.length); b[i] ^= (byte) (1 << rnd.nextInt(8)); }
            }
            case 1 -> b = Arrays.copyOf(b, rnd.nextInt(b.length)); // truncation
            case 2 -> { // replace header characters
                for (int k = rnd.nextInt(1, 4); k > 0; k--)
                    b[rnd.nextInt(10, Math.max(11, headerEnd))] = (byte) HEADER_CHARS.charAt(rnd.nextInt(HEADER_CHARS.length()));
            }
            case 3 -> { // rewrite the header text with an edit, keeping the length field consistent
                String h = new String(b, 10, headerEnd - 10, StandardCharsets.ISO_8859_1);
                int at = rnd.nextInt(h.length() + 1);
                String edited = rnd.nextBoolean() && at < h.length()
                        ? h.substring(0, at) + h.substring(Math.min(h.length(), at + rnd.nextInt(1, 6)))
                        : h.substring(0, at) + randomText(rnd) + h.substring(at);
                byte[] nh = edited.getBytes(StandardCharsets.ISO_8859_1);
                byte[] out = new byte[10 + nh.length + b.length - headerEnd];
                System.arraycopy(b, 0, out, 0, 8);
                out[8] = (byte) nh.length;
                out[9] = (byte) (nh.length >> 8);
                System.arraycopy(nh, 0, out, 10, nh.length);
                System.arraycopy(b, headerEnd, out, 10 + nh.length, b.length - headerEnd);
                b = out;
            }
            default -> { // the header length field or version bytes
                int i = 6 + rnd.nextInt(6);
                if (i < b.length) b[i] = (byte) rnd.nextInt(256);
            }
        }
        return b;
    }

    private static String randomText(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        for (int k = rnd.nextInt(1, 8); k > 0; k--) s.append(HEADER_CHARS.charAt(rnd.nextInt(HEADER_CHARS.length())));
        return s.toString();
    }
}
