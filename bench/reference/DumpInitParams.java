import dev.fields.io.spec.Activation;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.EncodingSpec;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Frame;
import dev.fields.io.spec.Head;
import dev.fields.io.spec.NetworkSpec;
import dev.fields.io.spec.Output;
import dev.fields.io.spec.Parameterization;
import dev.fields.nn.FieldNetwork;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the initial parameters of the CT preset's field network (2-D hash grid 16 levels x 2 features, 2^16 table,
 * N_min 16; MLP 2x64 ReLU, RWF mu 1 sigma 0.1, sigmoid head) for a seed, as the flat float32 little-endian buffer
 * {@code FieldNetwork.params()}: the tables (level after level, entries x features), then per layer V (in x out,
 * row-major), b, g. {@code ct_field.py --init-params} starts from it, so the reference and {@code fields fit-ct --seed}
 * begin from the same network. Usage: {@code java -cp fields.jar bench/reference/DumpInitParams.java N_MAX SEED OUT}.
 */
public class DumpInitParams {
    public static void main(String[] a) throws Exception {
        if (a.length != 3) {
            System.err.println("usage: DumpInitParams N_MAX SEED OUT.bin");
            System.exit(2);
        }
        int nmax = Integer.parseInt(a[0]);
        long seed = Long.parseLong(a[1]);
        var enc = new EncodingSpec.HashGrid(16, 2, 16, 16, nmax);
        var net = new NetworkSpec(NetworkSpec.Type.MLP, List.of(64, 64), Activation.RELU, Parameterization.RWF, 30.0, 1.0, 1.0, 0.1);
        var spec = new FieldSpec(2, enc, net, List.of(new Output(Channel.ATTENUATION, 1, Head.SIGMOID)),
                new Frame(new double[]{-1, -1}, new double[]{1, 1}, 1.0, new double[]{0, 0}, new int[]{nmax, nmax}), 0);
        float[] p = new FieldNetwork(spec, seed).params().dup('c').data().asFloat();
        ByteBuffer bb = ByteBuffer.allocate(4 * p.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : p) bb.putFloat(v);
        Files.write(Path.of(a[2]), bb.array());
        System.out.println(p.length + " parameters written to " + a[2]);
    }
}
