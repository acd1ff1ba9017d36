package dev.fields.nn;

import dev.fields.eval.BlobField;
import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.blob.Provenance;
import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Head;
import dev.fields.shaders.ReferenceEvaluator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exported blob (every reparameterization folded into plain W, b) evaluates to the trained network's function:
 * ND4J forward + heads vs the plain-Java reference evaluator within 1e-5 relative, for every combination.
 */
class ExportParityTest {
    @Test void exportedBlobMatchesTheTrainedNetwork() { matchesAt(Double.POSITIVE_INFINITY); }

    /** Coarse-to-fine mid-schedule: the blob folds the band weights in and still evaluates the network's function. */
    @Test void exportedBlobFoldsPartlyOpenBands() { matchesAt(1.5); }

    private static void matchesAt(double opening) {
        List<String> failures = new ArrayList<>();
        Random r = new Random(9);
        for (FieldSpec spec : Specs.all(16, Head.SIGMOID)) {
            FieldNetwork net = new FieldNetwork(spec, 3);
            net.openBands(opening);
            net.params().addi(Nd4j.rand(DataType.FLOAT, 1, net.parameterCount()).subi(0.5).muli(0.1));
            FieldBlob blob = BlobFormat.fromBytes(BlobFormat.toBytes(net.export(new Provenance("t", 3, 0, Map.of(), "t", "", Map.of()))), "t");
            ReferenceEvaluator ev = new ReferenceEvaluator(blob);
            int n = 64;
            float[] xs = new float[2 * n];
            for (int i = 0; i < xs.length; i++) xs[i] = r.nextFloat();
            float[] trained = net.predict(xs, n);
            float[] fast = new BlobField(blob).evaluate(xs, n);
            double[] o = new double[2];
            double worst = 0;
            for (int i = 0; i < n; i++) {
                ev.evaluate(xs, 2 * i, o);
                for (int c = 0; c < 2; c++) {
                    worst = Math.max(worst, Math.abs(trained[2 * i + c] - o[c]) / (1e-3 + Math.abs(o[c])));
                    worst = Math.max(worst, Math.abs(fast[2 * i + c] - o[c]) / (1e-3 + Math.abs(o[c])));
                }
            }
            if (worst > 1e-5) failures.add(Specs.name(spec) + " rel " + worst);
        }
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test void rwfStartsAsTheGlorotNetwork() {
        // Same seed: RWF factorization of the same W gives the same function at step 0 (Wang et al. 2022).
        var plain = Specs.spec(new dev.fields.io.spec.EncodingSpec.GaussianFourier(4, 1), dev.fields.io.spec.NetworkSpec.Type.MLP,
                dev.fields.io.spec.Activation.RELU, dev.fields.io.spec.Parameterization.PLAIN, 8, 1, Head.IDENTITY);
        var rwf = Specs.spec(plain.encoding(), plain.network().type(), plain.network().activation(), dev.fields.io.spec.Parameterization.RWF, 8, 1, Head.IDENTITY);
        float[] xs = {0.1f, 0.2f, 0.7f, 0.4f};
        float[] a = new FieldNetwork(plain, 4).predict(xs, 2), b = new FieldNetwork(rwf, 4).predict(xs, 2);
        assertEquals(a[0], b[0], 1e-5);
        assertEquals(a[1], b[1], 1e-5);
    }
}
