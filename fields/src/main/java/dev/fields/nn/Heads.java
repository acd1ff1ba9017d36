package dev.fields.nn;

import dev.fields.io.spec.FieldSpec;
import dev.fields.io.spec.Output;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Applies a spec's output heads (sigmoid, ReLU, softplus, identity) in place to raw outputs [n, outputDim]. */
public final class Heads {
    private Heads() {}

    public static void apply(FieldSpec spec, INDArray raw) {
        int k = 0;
        for (Output out : spec.outputs()) {
            INDArray cols = raw.get(NDArrayIndex.all(), NDArrayIndex.interval(k, k + out.size()));
            switch (out.head()) {
                case SIGMOID -> cols.assign(Transforms.sigmoid(cols, true));
                case RELU -> cols.assign(Transforms.relu(cols, true));
                case SOFTPLUS -> cols.assign(Transforms.softPlus(cols, true));
                case IDENTITY -> { }
            }
            k += out.size();
        }
    }
}
