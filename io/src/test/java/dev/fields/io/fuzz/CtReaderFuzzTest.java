package dev.fields.io.fuzz;

import dev.fields.io.ct.GeometryFile;
import dev.fields.io.ct.Scan;
import dev.fields.io.ct.SinogramReader;
import dev.fields.io.ct.Slices;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Seeded mutation fuzzing of the CT readers: {@code .npy} arrays, float TIFFs (TwelveMonkeys), 16-bit PNGs, DICOM
 * slices (ImageJ) and geometry JSON, read through {@link SinogramReader}, {@link Slices}, {@link GeometryFile} and
 * {@link Scan} as the commands read them. Each mutated input must be accepted or refused with a one-line
 * {@link dev.fields.io.UserError} within {@link #HANG_SECONDS}, allocate no more than its size justifies
 * ({@link #allocationLimit}), and print nothing. Failures are kept under {@code target/fuzz-crashers}; the ones found
 * are in {@code src/test/resources/fuzz/ct} and run as regression inputs. Counts and time follow
 * {@link ReaderFuzzTest}'s flags ({@code -Dfields.fuzzSeconds}, {@code -Dfields.fuzzSeed}).
 */
class CtReaderFuzzTest {
    /** Inputs per format in the default (CI) run. */
    static final int PER_FORMAT = 1500;
    static final int HANG_SECONDS = 5;
    static final Path CORPUS = ReaderFuzzTest.CORPUS.resolve("ct");
    static final Path WORK = Path.of("target", "fuzz-ct");

    /**
     * What an input of n bytes may make the readers allocate: a fixed 32 MB for the libraries' own buffers, plus a
     * deflate stream's largest expansion (1032:1) of the file into 16-bit pixels and their float copies, about 8 KB per byte.
     * A header that makes a reader allocate for what the file does not hold goes far past this.
     */
    static long allocationLimit(long n) { return 32_000_000L + 8_300L * n; }

    enum Format {
        NPY(".npy"), TIFF(".tif"), PNG(".png"), DICOM(".dcm"), GEOMETRY(".json");

        final String ext;

        Format(String ext) { this.ext = ext; }

        static Format of(String name) {
            for (Format f : values()) if (name.endsWith(f.ext)) return f;
            throw new IllegalArgumentException(name);
        }
    }

    /** Reads a file of this format the ways the commands do; {@code variant} picks among them. */
    static void read(Format f, Path file, int variant) {
        switch (f) {
            case NPY, TIFF -> {
                if (variant % 2 == 0) SinogramReader.read(file, variant % 4 == 2, null);
                else Slices.read(file);
            }
            case PNG -> {
                if (variant % 3 == 2) Slices.read(file);
                else SinogramReader.read(file, false, variant % 3 == 0 ? 2.5 : null);
            }
            case DICOM -> Slices.read(file);
            case GEOMETRY -> {
                if (variant % 3 == 0) Scan.load(CtSeeds.CT.resolve("skimage_sinogram.npy"), file, true);
                else GeometryFile.read(file);
            }
        }
    }

    private static Map<Format, Map<String, byte[]>> seeds() throws IOException {
        Map<Format, Map<String, byte[]>> s = new LinkedHashMap<>();
        s.put(Format.NPY, CtSeeds.npy());
        s.put(Format.TIFF, CtSeeds.tiff());
        s.put(Format.PNG, CtSeeds.png());
        s.put(Format.DICOM, CtSeeds.dicom());
        s.put(Format.GEOMETRY, CtSeeds.geometry());
        return s;
    }

    private static byte[] mutate(CtMutations m, Format f, byte[] seed) throws IOException {
        return switch (f) {
            case NPY -> m.npy(seed);
            case TIFF -> m.tiff(seed);
            case PNG -> m.png(seed);
            case DICOM -> m.dicom(seed);
            case GEOMETRY -> m.geometry(seed);
        };
    }

    @Test void mutatedCtInputsAreAcceptedOrRefusedWithAUserError() throws Exception {
        double seconds = ReaderFuzzTest.seconds();
        long seed = ReaderFuzzTest.seed();
        Mutations mut = new Mutations(new SplittableRandom(seed));
        CtMutations ct = new CtMutations(mut);
        Map<Format, Map<String, byte[]>> seeds = seeds();
        Files.createDirectories(WORK);
        Map<Format, Tally> tallies = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (Console console = new Console()) {
            // every seed once first: the libraries' class loading and first-use tables are not the inputs' allocation
            for (var e : seeds.entrySet())
                for (var s : e.getValue().entrySet()) {
                    Path file = WORK.resolve("warm" + e.getKey().ext);
                    Files.write(file, s.getValue());
                    for (int v = 0; v < 4; v++) {
                        int variant = v;
                        new Tally(60).record("warm-" + s.getKey(), s.getValue(), "", () -> read(e.getKey(), file, variant));
                    }
                }
            for (Format f : Format.values()) tallies.put(f, new Tally(HANG_SECONDS, CtReaderFuzzTest::allocationLimit, console));
            ReaderFuzzTest.heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
            long end = System.nanoTime() + (long) (seconds * 1e9);
            for (int i = 0; seconds > 0 ? System.nanoTime() < end : i < PER_FORMAT; i++) {
                for (Format f : Format.values()) {
                    List<String> names = new ArrayList<>(seeds.get(f).keySet());
                    String name = names.get(mut.below(names.size()));
                    byte[] in = mutate(ct, f, seeds.get(f).get(name));
                    Path file = WORK.resolve("current" + f.ext);
                    Files.write(file, in);
                    int variant = mut.below(12);
                    String input = "ct-" + seed + "-" + i + "-" + name.substring(0, name.lastIndexOf('.')) + "-v" + variant;
                    tallies.get(f).record(input, in, f.ext, () -> read(f, file, variant));
                }
            }
            long peak = ReaderFuzzTest.heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            for (var e : tallies.entrySet()) console.println(e.getValue().summary(e.getKey() + " (seed " + seed + ")"));
            console.println(String.format(Locale.ROOT, "CT readers: %.1f s; peak heap (sum of pool peaks) %.0f MB of %.0f MB max",
                    (System.nanoTime() - start) / 1e9, peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6));
        }
        List<String> other = new ArrayList<>();
        tallies.values().forEach(t -> other.addAll(t.other));
        assertEquals(List.of(), other.subList(0, Math.min(20, other.size())), other.size() + " inputs neither accepted nor refused (kept in " + Tally.CRASHERS + ")");
        for (var e : tallies.entrySet()) {
            Tally t = e.getValue();
            assertTrue(t.refused > t.run / 4 && t.accepted > t.run / 50, "mutations reach both outcomes: " + t.summary(e.getKey().toString()));
        }
    }

    /** Every kept crasher is now accepted or refused with a one-line user error, within the allocation limit, silently. */
    @Test void theCorpusOfPastCtCrashersIsAcceptedOrRefusedWithAUserError() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(CORPUS)) { files = s.filter(Files::isRegularFile).sorted().toList(); }
        Files.createDirectories(WORK);
        Tally t;
        try (Console console = new Console()) {
            t = new Tally(HANG_SECONDS, CtReaderFuzzTest::allocationLimit, console);
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                Format format = Format.of(f.getFileName().toString());
                Path file = WORK.resolve("corpus" + format.ext);
                Files.write(file, bytes);
                for (int v = 0; v < 3; v++) {
                    int variant = v;
                    t.record(f.getFileName() + "-v" + v, bytes, format.ext, () -> read(format, file, variant));
                }
            }
            console.println(t.summary("CT corpus"));
        }
        assertEquals(List.of(), t.other);
        assertTrue(files.size() >= 10, "the corpus is there: " + files.size());
        assertEquals(t.run, t.refused + t.accepted);
        // and each says what is wrong with it
        for (Path f : files) {
            String name = f.getFileName().toString(), expected = EXPECTED.get(name);
            assertNotNull(expected, "the corpus file " + name + " has its expected outcome in EXPECTED");
            String outcome;
            try {
                read(Format.of(name), f, 0);
                outcome = "accepted";
            } catch (dev.fields.io.UserError e) {
                outcome = e.getMessage();
            }
            assertTrue(outcome.contains(expected), name + ": expected \"" + expected + "\", got: " + outcome);
        }
    }

    /** What reading each corpus file (the first way of {@link #read}) says: "accepted", or a fragment of its one line. */
    static final Map<String, String> EXPECTED = Map.ofEntries(
            Map.entry("dicom-element-1297350705-bytes-allocates.dcm", "claims 1297350705 bytes but only 9268 follow"),
            Map.entry("dicom-palette-length-negative-ct.dcm", "(0028,1202) at byte 6288 has the negative length -16"),
            Map.entry("dicom-palette-length-negative-mr.dcm", "(0028,1202) at byte 1488 has the negative length -16"),
            Map.entry("dicom-pixels-beyond-file-imagej-prints.dcm", "128 × 128 pixels of 16 bits need 32768 bytes from byte 6300, but the file has 7545"),
            Map.entry("dicom-rescale-slope-imagej-unrecognized-command.dcm", "accepted"),
            Map.entry("dicom-rescale-slope-text.dcm", "its Rescale Slope is \"MR\", not a finite number"),
            Map.entry("geometry-10000000-views-allocates.json", "\"angles\".count is 10000000, must be a whole number of views from 1 to 100000"),
            Map.entry("geometry-convention-with-line-break.json", "unknown \"convention\": \"a\\nb\""),
            Map.entry("geometry-detector-offset-1e999.json", "\"detector_offset\" is Infinity, must be a finite number"),
            Map.entry("geometry-key-with-line-break.json", "unknown key \"x\\ny\""),
            Map.entry("geometry-utf16-bom.json", "is not UTF-8 text"),
            Map.entry("npy-shape-0-by-2147483648.npy", "shape (0, 2147483648) has a dimension above 2147483647"),
            Map.entry("npy-shape-0-by-4294967295.npy", "shape (0, 4294967295) has a dimension above 2147483647"),
            Map.entry("png-height-16777219-allocates.png", "its header says 5 × 16777219 pixels (167772190 bytes), more than a file of 94 bytes can hold"),
            Map.entry("png-height-268435457-exhausts-heap.png", "its header says 5 × 268435457 pixels, more than one image can hold"),
            Map.entry("tiff-samples-per-pixel-1048576-allocates-15mb.tif", "cannot decode TIFF"),
            Map.entry("tiff-samples-per-pixel-2147483647.tif", "has 2147483647 samples per pixel"),
            Map.entry("tiff-tile-width-2147483647.tif", "its tiles of 2147483647 × 16 pixels need more bytes than a file of 4286 bytes can hold"));
}
