package dev.fields.optim;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (by default beta1 0.9, beta2 0.999, eps 1e-8) with exponential learning-rate decay
 * {@code lr_t = lr · decayRate^(t / decaySteps)}. {@link Segment}s give ranges of the flat buffer their own betas,
 * epsilon and L2 weight decay ({@code g += λ·p} before the moments, as instant-ngp does); the rest uses the defaults.
 * All moments and scratch are preallocated on first use; the state layout is that of the whole buffer whatever the
 * segments.
 */
public final class Adam implements Optimizer {
    private static final double B1 = 0.9, B2 = 0.999, EPS = 1e-8;
    private final double lr, decayRate;
    private final long decaySteps;
    private final List<Segment> segments;
    private INDArray m, v, tmp;
    private List<Part> parts;
    private INDArray boundP, boundG; // the buffers the parts are views of

    /**
     * Hyperparameters of the range [from, to) of the flat buffer.
     *
     * @param weightDecay L2 coefficient λ added to the gradient as λ·p (0 = none)
     */
    public record Segment(long from, long to, double beta1, double beta2, double eps, double weightDecay) {
        public Segment {
            if (from < 0 || to < from) throw new IllegalArgumentException("Adam segment [" + from + ", " + to + ") is not a range");
            if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam betas must be in [0, 1)");
            if (!(eps > 0)) throw new IllegalArgumentException("Adam epsilon must be > 0, got " + eps);
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }

        /** The default hyperparameters with an L2 weight decay. */
        public static Segment decayed(long from, long to, double weightDecay) { return new Segment(from, to, B1, B2, EPS, weightDecay); }
    }

    /** A contiguous range with its hyperparameters and views of every buffer (bound on first use). */
    private record Part(Segment s, INDArray p, INDArray g, INDArray m, INDArray v, INDArray tmp) {}

    public Adam(double lr, double decayRate, long decaySteps) { this(lr, decayRate, decaySteps, List.of()); }

    /** With per-range hyperparameters; segments must not overlap. */
    public Adam(double lr, double decayRate, long decaySteps, List<Segment> segments) {
        if (!(lr > 0)) throw new IllegalArgumentException("Adam: learning rate must be > 0, got " + lr);
        if (!(decayRate > 0 && decayRate <= 1)) throw new IllegalArgumentException("Adam: learning-rate decay must be in (0, 1], got " + decayRate);
        this.lr = lr;
        this.decayRate = decayRate;
        this.decaySteps = Math.max(1, decaySteps);
        List<Segment> s = new ArrayList<>(segments);
        s.removeIf(x -> x.from() == x.to());
        s.sort(Comparator.comparingLong(Segment::from));
        for (int i = 1; i < s.size(); i++)
            if (s.get(i).from() < s.get(i - 1).to()) throw new IllegalArgumentException("Adam segments overlap: " + s.get(i - 1) + " and " + s.get(i));
        this.segments = List.copyOf(s);
    }

    /** Learning rate at a step. */
    public double learningRate(long step) { return lr * Math.pow(decayRate, (double) step / decaySteps); }

    private void alloc(INDArray p, INDArray g) {
        if (m == null) { m = Nd4j.zerosLike(p); v = Nd4j.zerosLike(p); }
        if (tmp == null) tmp = Nd4j.zerosLike(p);
        if (parts != null && boundP == p && boundG == g) return;
        boundP = p;
        boundG = g;
        long n = p.length();
        List<Segment> cover = new ArrayList<>();
        long at = 0;
        for (Segment s : segments) {
            if (s.to() > n) throw new IllegalArgumentException("Adam segment " + s + " lies outside the " + n + " parameters");
            if (s.from() > at) cover.add(new Segment(at, s.from(), B1, B2, EPS, 0));
            cover.add(s);
            at = s.to();
        }
        if (at < n) cover.add(new Segment(at, n, B1, B2, EPS, 0));
        parts = new ArrayList<>();
        boolean whole = cover.size() == 1;
        for (Segment s : cover)
            parts.add(whole ? new Part(s, p, g, m, v, tmp) : new Part(s, view(p, s), view(g, s), view(m, s), view(v, s), view(tmp, s)));
    }

    private static INDArray view(INDArray flat, Segment s) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(s.from(), s.to()));
    }

    @Override public void step(INDArray params, INDArray grad, long step) {
        alloc(params, grad);
        long t = step + 1;
        double rate = learningRate(step);
        for (Part q : parts) {
            Segment s = q.s();
            if (s.weightDecay() > 0) q.g().addi(q.tmp().assign(q.p()).muli(s.weightDecay()));
            q.m().muli(s.beta1()).addi(q.tmp().assign(q.g()).muli(1 - s.beta1()));
            q.v().muli(s.beta2()).addi(q.tmp().assign(q.g()).muli(q.g()).muli(1 - s.beta2()));
            double bc1 = 1 - Math.pow(s.beta1(), t), bc2 = 1 - Math.pow(s.beta2(), t);
            q.tmp().assign(q.v()).divi(bc2);
            Transforms.sqrt(q.tmp(), false).addi(s.eps());
            q.tmp().rdivi(q.m()).muli(rate / bc1);
            q.p().subi(q.tmp());
        }
    }

    @Override public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        if (m != null) { s.put("adam.m", m); s.put("adam.v", v); }
        return s;
    }

    @Override public void loadState(Map<String, INDArray> s) {
        if (s.containsKey("adam.m")) {
            m = s.get("adam.m").dup();
            v = s.get("adam.v").dup();
            parts = null; // views of the new moments are bound on the next step
        }
    }
}
