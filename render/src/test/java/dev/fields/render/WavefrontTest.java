package dev.fields.render;

import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.FieldSpec;
import dev.fields.shaders.FieldEvaluator;
import dev.fields.shaders.ReferenceFieldEvaluator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The wavefront CPU tracer against the per-ray tracer it replaced, on analytic fields of every traced kind: the same
 * pixels bit for bit (hit distance or opacity, steps, colour) whatever the number of rays in flight, with rays that
 * miss the box, finish at their first sample, run out of steps, or start inside the box.
 */
class WavefrontTest {
    static final int W = 61, H = 47; // not a multiple of any slot count below

    /** Counts points and rounds, and checks every batch is within the slots. */
    static final class Counting implements FieldEvaluator {
        final FieldEvaluator inner;
        final List<Integer> batches = new ArrayList<>();
        Counting(FieldEvaluator inner) { this.inner = inner; }
        @Override public FieldSpec spec() { return inner.spec(); }
        @Override public void evaluate(float[] points, int n, double[] out) {
            batches.add(n);
            inner.evaluate(points, n, out);
        }
        long points() { return batches.stream().mapToLong(Integer::longValue).sum(); }
    }

    static List<FieldBlob> fields() {
        return List.of(AnalyticFields.octahedron(0.7, false), AnalyticFields.cosineBlob(1.2, 0.8),
                AnalyticFields.octahedron(0.6, true), AnalyticFields.fuzzyOctahedron(0.7, 6.0, new float[]{1.5f, -0.5f, 0.2f}));
    }

    static List<OrbitCamera> cameras() {
        return List.of(new OrbitCamera().set(35, 25, 3), new OrbitCamera().set(-70, -10, 4.5), new OrbitCamera().set(10, 5, 0.9)); // the last one inside the box
    }

    private static void assertSame(CpuTracer.Hits want, CpuTracer.Hits got, String what) {
        assertArrayEquals(want.t(), got.t(), what + ": t");
        assertArrayEquals(want.steps(), got.steps(), what + ": steps");
        if (want.rgb() == null) assertNull(got.rgb(), what);
        else assertArrayEquals(want.rgb(), got.rgb(), what + ": rgb");
    }

    @Test void everySlotCountGivesThePerRayPixels() {
        for (FieldBlob blob : fields())
            for (OrbitCamera cam : cameras()) {
                CpuTracer.Hits want = PerRayTracer.trace(blob, cam, W, H, 48);
                for (int slots : new int[]{1, 7, 256, W * H, 1 << 20}) {
                    CpuTracer.Hits got = CpuTracer.trace(new ReferenceFieldEvaluator(blob), cam, W, H, 48, slots);
                    assertSame(want, got, blob.provenance().config() + ", " + slots + " slots, camera " + cam.eye(new org.joml.Vector3f()));
                }
                assertSame(want, CpuTracer.trace(blob, cam, W, H, 48), "default slots");
            }
    }

    @Test void fewAndNoStepsMatchToo() {
        for (FieldBlob blob : fields())
            for (int steps : new int[]{0, 1, 2, 5}) {
                OrbitCamera cam = cameras().get(0);
                assertSame(PerRayTracer.trace(blob, cam, W, H, steps), CpuTracer.trace(new ReferenceFieldEvaluator(blob), cam, W, H, steps, 13),
                        blob.provenance().config() + " at " + steps + " steps");
            }
    }

    /**
     * Rays finish at different rounds (the frame is not one lock-step batch), freed slots are refilled while others
     * march on, and every evaluation is one a ray asked for: the points evaluated are the steps taken plus the
     * occupancy hits' bisections, not a point more.
     */
    @Test void raysFinishAtDifferentRoundsAndNothingIsEvaluatedTwice() {
        for (FieldBlob blob : fields()) {
            OrbitCamera cam = cameras().get(0);
            int slots = 200;
            Counting ev = new Counting(new ReferenceFieldEvaluator(blob));
            CpuTracer.Hits h = CpuTracer.trace(ev, cam, W, H, 48, slots);
            double want = 0;
            int misses = 0;
            boolean occupancy = dev.fields.io.spec.FieldKind.of(blob.spec()) == dev.fields.io.spec.FieldKind.OCCUPANCY_SURFACE;
            for (int i = 0; i < W * H; i++) {
                want += h.steps()[i] + (occupancy && h.t()[i] >= 0 ? 8 : 0);
                if (h.steps()[i] == 0) misses++;
            }
            String what = blob.provenance().config().toString();
            assertEquals(want, ev.points(), what + ": points evaluated");
            assertTrue(misses > 0 && misses < W * H, what + ": some rays miss the box, not all: " + misses);
            assertTrue(ev.batches.stream().allMatch(n -> n >= 1 && n <= slots), what + ": batches within the slots");
            // refilled: every round but the tail is full, and there are more rounds than the longest ray's samples
            int full = (int) ev.batches.stream().filter(n -> n == slots).count();
            float longest = 0;
            for (float s : h.steps()) longest = Math.max(longest, s);
            assertTrue(full > ev.batches.size() / 2, what + ": " + full + " full rounds of " + ev.batches.size());
            assertTrue(ev.batches.size() > longest + (occupancy ? 8 : 0), what + ": rounds " + ev.batches.size() + " vs longest ray " + longest);
            float[] distinct = h.steps().clone();
            Arrays.sort(distinct);
            assertTrue(distinct[0] != distinct[distinct.length - 1], what + ": rays take different step counts");
        }
    }

    @Test void aFrameOfOneSlotTracesEveryRayInTurn() {
        FieldBlob blob = AnalyticFields.octahedron(0.7, false);
        OrbitCamera cam = cameras().get(0);
        Counting ev = new Counting(new ReferenceFieldEvaluator(blob));
        CpuTracer.trace(ev, cam, 9, 7, 32, 1);
        assertTrue(ev.batches.stream().allMatch(n -> n == 1));
        assertEquals(ev.points(), ev.batches.size());
    }
}
