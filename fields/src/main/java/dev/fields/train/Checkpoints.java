package dev.fields.train;

import dev.fields.io.UserError;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.blob.Tensor;
import dev.fields.io.spec.FieldSpec;
import dev.fields.nn.FieldNetwork;
import dev.fields.optim.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resumable training state as a weight blob of kind "checkpoint": the flat parameters, the optimizer's state and the
 * step reached. Written atomically, so an interrupted write never replaces a good checkpoint.
 */
public final class Checkpoints {
    private Checkpoints() {}

    public static void save(Path path, FieldNetwork net, Optimizer opt, long step, long seed) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("params", flat(net.params()));
        opt.state().forEach((k, v) -> t.put(k, flat(v)));
        Provenance p = new Provenance("checkpoint", seed, step, Map.of(), dev.fields.io.ToolVersion.VERSION,
                java.time.Instant.now().toString(), Map.of());
        BlobFormat.write(path, new FieldBlob(FieldBlob.KIND_CHECKPOINT, net.spec(), t, p));
    }

    private static Tensor flat(INDArray a) {
        float[] v = a.castTo(DataType.FLOAT).dup('c').data().asFloat();
        return new Tensor(new int[]{v.length}, v);
    }

    /** Loads a checkpoint into the network and optimizer; returns the step it reached. */
    public static long load(Path path, FieldNetwork net, Optimizer opt) {
        FieldBlob b = BlobFormat.readCheckpoint(path);
        FieldSpec s = net.spec();
        Tensor p = b.tensors().get("params");
        if (!b.spec().equals(s) || p == null || p.data().length != net.parameterCount())
            throw new UserError("checkpoint " + path + " was made with a different configuration (network, encoding or data) — resume with the configuration that wrote it, or start afresh");
        net.params().assign(Nd4j.create(p.data(), new long[]{1, p.data().length}, 'c').castTo(net.dataType()));
        Map<String, INDArray> st = new LinkedHashMap<>();
        b.tensors().forEach((k, v) -> {
            if (!k.equals("params")) st.put(k, Nd4j.create(v.data(), new long[]{1, v.data().length}, 'c').castTo(net.dataType()));
        });
        opt.loadState(st);
        return b.provenance().steps();
    }
}
