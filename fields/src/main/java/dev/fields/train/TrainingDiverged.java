package dev.fields.train;

import dev.fields.io.UserError;

/** The loss, a gradient, a metric or a parameter stopped being finite; nothing bad was checkpointed. */
public final class TrainingDiverged extends UserError {
    private final long step;
    private final String description;

    public TrainingDiverged(long step, String what, String notes) {
        super("training diverged at step " + step + " (" + what + ")" + notes + " — lower the learning rate and run again");
        this.step = step;
        this.description = "training diverged at step " + step + " (" + what + ")" + notes;
    }

    /** What happened and what was kept, without advice (a caller adds its own, e.g. naming its option). */
    public String describe() { return description; }

    /** The 1-based step at which the run stopped. */
    public long step() { return step; }
}
