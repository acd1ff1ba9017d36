package dev.fields.shaders;

import dev.fields.io.blob.BlobFormat;
import dev.fields.io.blob.FieldBlob;
import dev.fields.io.spec.Channel;
import dev.fields.io.spec.EncodingSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A blob written by format version 1 keeps loading, and evaluating to the same values, in every later version. */
class GoldenBlobTest {
    @Test void versionOneBlobStillLoadsAndEvaluates() throws Exception {
        Path dir = Path.of(getClass().getResource("/golden/v1-fourier-relu.field").toURI()).getParent();
        FieldBlob b = BlobFormat.read(dir.resolve("v1-fourier-relu.field"));
        assertEquals(2, b.spec().inputDim());
        assertEquals(new EncodingSpec.GaussianFourier(4, 3.0), b.spec().encoding());
        assertTrue(b.spec().has(Channel.IMAGE));
        assertEquals(2026, b.provenance().seed());
        assertEquals(31.25, b.provenance().metrics().get("psnr"));
        assertEquals(4 * 2 + (8 * 8 + 8) + (8 * 8 + 8) + (3 * 8 + 3), b.spec().parameterCount());
        List<String> lines = Files.readAllLines(dir.resolve("v1-fourier-relu.expected"));
        ReferenceEvaluator ev = new ReferenceEvaluator(b);
        double[] out = new double[3];
        for (int i = 0; i < GoldenBlobs.POINTS.length; i++) {
            ev.evaluate(GoldenBlobs.POINTS[i], 0, out);
            String[] want = lines.get(i).trim().split(" ");
            for (int c = 0; c < 3; c++) assertEquals(Double.parseDouble(want[c]), out[c], 1e-7, "point " + i + " channel " + c);
        }
        // the committed bytes equal what the v1 recipe makes: the writer's format has not drifted
        FieldBlob again = GoldenBlobs.make();
        assertEquals(again.tensors(), b.tensors());
    }
}
