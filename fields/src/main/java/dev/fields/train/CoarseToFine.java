package dev.fields.train;

/**
 * The coarse-to-fine schedule of an encoding's frequency bands ({@link dev.fields.nn.BandWindow}): at step 0 the lowest
 * {@code start} fraction of the bands is fully on, and the opening grows linearly until every band is on at step
 * {@code until · steps}, after which training sees the whole encoding. Nerfies and BARF open positional-encoding
 * octaves this way from nothing; Neuralangelo opens hash-grid levels from a quarter of them.
 *
 * @param start fraction of the bands fully on at step 0, in [0, 1)
 * @param until fraction of the run after which every band is on, in (0, 1]
 */
public record CoarseToFine(double start, double until) {
    public CoarseToFine {
        if (!(start >= 0 && start < 1)) throw new IllegalArgumentException("coarseToFine.start must be in [0, 1), got " + start);
        if (!(until > 0 && until <= 1)) throw new IllegalArgumentException("coarseToFine.until must be in (0, 1], got " + until);
    }

    /** The opening (in bands) at 0-based {@code step} of a run of {@code steps} steps over {@code bands} bands. */
    public double opening(long step, long steps, int bands) {
        double t = Math.min(1, step / (until * steps));
        return bands * (start + (1 - start) * t);
    }

    /** Parses {@code START:UNTIL} (for example {@code 0.25:0.5}); {@code off} gives null. */
    public static CoarseToFine parse(String s) {
        if (s.equalsIgnoreCase("off")) return null;
        String[] p = s.split(":");
        String form = " (give START:UNTIL, two fractions, e.g. 0.25:0.5, or off)";
        double start, until;
        try {
            if (p.length != 2) throw new NumberFormatException();
            start = Double.parseDouble(p[0]);
            until = Double.parseDouble(p[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a schedule" + form);
        }
        try {
            return new CoarseToFine(start, until);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "': " + e.getMessage() + form);
        }
    }
}
