package dev.fields.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.fit.FitConfig;
import dev.fields.fit.FitJson;
import dev.fields.fit.FitOutputs;
import dev.fields.fit.FitResult;
import dev.fields.fit.FitRunner;
import dev.fields.fit.FitSession;
import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.FieldSpec;

import dev.fields.train.TrainingDiverged;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every fit command does once its flags are in the configuration tree: resolve the configuration, open the
 * output folder ({@link OutputFolder}: created and proven writable before any work, locked for the run, stale
 * temporary files removed; the folders it made removed again if the run fails), host the run (progress, checkpoints,
 * live blob, viewer, resume, initial blob), write the results.
 */
final class FitLauncher {
    private FitLauncher() {}

    /** Runs the fit the tree describes once the command has written its own task settings into it. */
    static int run(ConfigTree tree, FitOptions o, NetworkOptions net) {
        o.apply(tree);
        net.apply(tree);
        ObjectNode root = tree.root();
        FitConfig cfg = FitJson.read(root, "configuration").resolved();
        if (o.printConfig) {
            System.out.println(FitJson.write(cfg));
            return 0;
        }
        String name = cfg.task().name();
        Path dir = o.out(name);
        Path ckpt = dir.resolve(name + ".ckpt");
        if (o.resume && !Files.exists(ckpt))
            throw new UserError("--resume: no checkpoint " + ckpt + " (run without --resume first, or give the same --out)");
        if (o.resume && o.init != null) throw new UserError("give either --resume or --init, not both");
        FieldBlob init = o.init != null ? initial(o.init) : null;
        PrintStream log = o.quiet ? null : System.out;
        try (OutputFolder folder = OutputFolder.open(dir, t -> t.startsWith(name) || t.equals("metrics.json"))) {
            if (log != null && !folder.cleaned().isEmpty())
                log.println("removed " + folder.cleaned().size() + " temporary file(s) left by an interrupted run: " + folder.cleaned());
            fit(cfg, o, name, dir, ckpt, init, log);
            folder.keep();
        }
        return 0;
    }

    private static void fit(FitConfig cfg, FitOptions o, String name, Path dir, Path ckpt, FieldBlob init, PrintStream log) {
        boolean checkpoints = o.checkpointEvery > 0 || o.resume;
        FitSession session = new FitSession(log, checkpoints ? ckpt : null, o.checkpointEvery, o.resume,
                o.checkpointEvery > 0 ? dir.resolve(name + ".field") : null, init, List.of());
        ViewerLauncher viewer = ViewerLauncher.startIf(o.view, dir.resolve(name + ".field"));
        FitResult r;
        try {
            r = FitRunner.run(cfg, session);
        } catch (TrainingDiverged e) {
            throw new UserError(e.describe() + " — lower the learning rate (--lr) and run again", e);
        }
        Path blob = FitOutputs.write(r, dir);
        if (log != null) {
            StringBuilder sb = new StringBuilder();
            r.metrics().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %s %.4g", k, v)));
            log.printf(Locale.ROOT, "done in %.1f s:%s%n", r.seconds(), sb);
            StringBuilder files = new StringBuilder(blob.toString());
            r.artifacts().forEach(a -> files.append(", ").append(name).append(a.suffix()));
            log.printf("wrote %s, %s_curves.png, metrics.json%n", files, name);
        }
        ViewerLauncher.awaitClose(viewer);
    }

    /** A field blob, or the parameters of a checkpoint as a field of the same spec. */
    private static FieldBlob initial(Path p) {
        if (!Files.isRegularFile(p)) throw new UserError("--init: no file " + p + " (give a .field blob written by a fit)");
        FieldBlob b = BlobFormat.readAny(p);
        if (FieldBlob.KIND_CHECKPOINT.equals(b.kind()))
            throw new UserError("--init: " + p + " is a checkpoint; give the run's .field blob (or use --resume with the same --out)");
        FieldSpec s = b.spec();
        Map<String, Tensor> t = b.tensors();
        if (t.isEmpty() || s == null) throw new UserError("--init: " + p + " holds no field parameters");
        return b;
    }
}
