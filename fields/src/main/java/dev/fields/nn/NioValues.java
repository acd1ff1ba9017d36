package dev.fields.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * Element access to a contiguous, row-major ND4J array's own memory (float32 or float64) from plain Java, without
 * copying: how the hash-grid kernels read and write the network's buffers. Absolute gets and puts only, so threads
 * may share one instance as long as they write disjoint elements.
 */
abstract class NioValues {
    abstract double get(int i);

    abstract void set(int i, double v);

    final void add(int i, double v) { set(i, get(i) + v); }

    static NioValues of(INDArray a) {
        if (a.offset() != 0 || a.ordering() != 'c' || a.isView())
            throw new IllegalStateException("plain-Java access needs a whole row-major array, got a view or 'f' order");
        if (a.dataType() == DataType.FLOAT) return new Floats(a.data().asNioFloat());
        if (a.dataType() == DataType.DOUBLE) return new Doubles(a.data().asNioDouble());
        throw new IllegalStateException("plain-Java access supports float32 and float64, got " + a.dataType());
    }

    private static final class Floats extends NioValues {
        private final FloatBuffer b;
        Floats(FloatBuffer b) { this.b = b; }
        @Override double get(int i) { return b.get(i); }
        @Override void set(int i, double v) { b.put(i, (float) v); }
    }

    private static final class Doubles extends NioValues {
        private final DoubleBuffer b;
        Doubles(DoubleBuffer b) { this.b = b; }
        @Override double get(int i) { return b.get(i); }
        @Override void set(int i, double v) { b.put(i, v); }
    }
}
