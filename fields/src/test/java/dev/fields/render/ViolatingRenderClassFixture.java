package dev.fields.render;

/**
 * Breaks the render module's rule on purpose, with fully qualified names and no imports, so the architecture test
 * can show that it sees such references. A test class: never part of the render module.
 */
public final class ViolatingRenderClassFixture {
    private ViolatingRenderClassFixture() {}

    static Object nd4j() { return org.nd4j.linalg.factory.Nd4j.zeros(1); }

    static long trainer(dev.fields.nn.FieldNetwork net) { return net.parameterCount(); }
}
