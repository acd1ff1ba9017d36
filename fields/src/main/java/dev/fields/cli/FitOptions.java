package dev.fields.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.fit.FitJson;
import dev.fields.fit.Presets;
import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Options every fit command shares: where the configuration starts (a preset or an earlier run's configuration),
 * the training schedule, and how the run is hosted (output folder, checkpoints, resume, initial blob, viewer).
 * Unset options leave the configuration as the preset or file says.
 */
public final class FitOptions {
    @Option(names = "--preset", paramLabel = "NAME|FILE", description = "Start from a bundled preset (see scenes/presets/README.md) or a JSON file. Default: the task's own.")
    String preset;
    @Option(names = "--config", paramLabel = "FILE", description = "Start from the configuration of an earlier run: its metrics.json, its .field blob, or a config JSON (reruns it exactly; flags still override).")
    Path config;
    @Option(names = "--print-config", description = "Print the resolved configuration as JSON and exit without fitting.")
    boolean printConfig;
    @Option(names = "--steps", description = "Optimizer steps.")
    Integer steps;
    @Option(names = "--lr", description = "Adam learning rate.")
    Double lr;
    @Option(names = "--lr-decay", description = "Learning-rate decay factor per --lr-decay-steps (exponential; 1 = constant).")
    Double lrDecay;
    @Option(names = "--lr-decay-steps", description = "Steps over which the learning rate decays by --lr-decay (0 = the whole run).")
    Integer lrDecaySteps;
    @Option(names = "--weight-decay", paramLabel = "L", description = "L2 weight decay on the dense layers' weight matrices (not biases, not hash-grid tables; 0 = off, default).")
    Double weightDecay;
    @Option(names = "--coarse-to-fine", paramLabel = "START:UNTIL|off", description = {
            "Open the encoding's frequency bands progressively (hash-grid levels, positional octaves, Fourier features by frequency):",
            "START of them on at step 0, all on after UNTIL of the steps, e.g. 0.25:0.5 (both fractions); off = all on from the start."})
    String coarseToFine;
    @Option(names = "--seed", description = "Random seed: runs with the same seed and configuration are identical (default 0).")
    Long seed;
    @Option(names = "--eval-every", description = "Evaluate metrics (e.g. PSNR) every N steps (0 = about 20 times per run).")
    Integer evalEvery;
    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "Output directory (default: runs/NAME).")
    Path out;
    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Write a resumable checkpoint (and republish the blob) every N steps (0 = never; default: ${DEFAULT-VALUE}).")
    int checkpointEvery;
    @Option(names = "--resume", description = "Continue from the checkpoint in the output directory.")
    boolean resume;
    @Option(names = "--init", paramLabel = "BLOB", description = "Start from the parameters of a blob (a .field or .ckpt of the same encoding, widths and outputs).")
    Path init;
    @Option(names = "--view", description = "Open the viewer now; it shows the blob republished at every checkpoint and stays open after training.")
    boolean view;
    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;
    @Option(names = "--verbose", description = "Show library start-up logs.")
    boolean verbose;

    /** The starting tree: the {@code --config} file's configuration, or the preset (default {@code task}). */
    ObjectNode base(String task) {
        if (config != null && preset != null) throw new UserError("give either --preset or --config, not both");
        if (config == null) return Presets.load(preset != null ? (preset.endsWith(".json") ? preset : qualified(task, preset)) : task);
        if (!Files.isRegularFile(config)) throw new UserError("--config: no file " + config + " (give a metrics.json, a .field blob or a config JSON)");
        JsonNode n;
        if (config.toString().endsWith(".field") || config.toString().endsWith(".ckpt")) {
            n = FitJson.MAPPER.valueToTree(BlobFormat.readAny(config).provenance().config());
        } else {
            try {
                n = FitJson.MAPPER.readTree(config.toFile());
            } catch (IOException e) {
                throw new UserError("--config: " + config + " is not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            if (n.has("config") && n.get("config").isObject()) n = n.get("config");
        }
        if (!(n instanceof ObjectNode o) || !o.has("task")) throw new UserError("--config: " + config + " holds no fit configuration (no \"task\" section)");
        JsonNode type = o.get("task").get("type");
        if (type == null || !task.equals(type.asText()))
            throw new UserError("--config: " + config + " configures a '" + (type == null ? "?" : type.asText()) + "' fit, not '" + task + "' — use fields fit-" + (type == null ? "…" : type.asText()));
        return o;
    }

    /** {@code paper} for fit-shape means the bundled {@code shape-paper}. */
    private static String qualified(String task, String preset) {
        if (preset.equals(task) || preset.startsWith(task + "-")) return preset;
        return task + "-" + preset;
    }

    /** Writes the training flags the user gave into the tree. */
    void apply(ConfigTree t) {
        t.set("training.steps", steps).set("training.lr", lr).set("training.lrDecay", lrDecay)
                .set("training.lrDecaySteps", lrDecaySteps).set("training.seed", seed).set("training.evalEvery", evalEvery)
                .set("training.weightDecay", weightDecay);
        if (coarseToFine != null) {
            dev.fields.train.CoarseToFine c;
            try {
                c = dev.fields.train.CoarseToFine.parse(coarseToFine.trim());
            } catch (IllegalArgumentException e) {
                throw new UserError("--coarse-to-fine: " + e.getMessage());
            }
            t.set("training.coarseToFine", c == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : c);
        }
        if (checkpointEvery < 0) throw new UserError("--checkpoint-every must be >= 0, got " + checkpointEvery);
    }

    Path out(String name) { return out != null ? out : Path.of("runs", name); }
}
