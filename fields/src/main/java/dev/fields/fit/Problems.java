package dev.fields.fit;

import dev.fields.io.UserError;
import dev.fields.task.ct.CtConfig;
import dev.fields.task.ct.CtProblem;
import dev.fields.task.image.ImageConfig;
import dev.fields.task.image.ImageProblem;
import dev.fields.task.scene.SceneConfig;
import dev.fields.task.scene.SceneProblem;
import dev.fields.task.shape.ShapeConfig;
import dev.fields.task.shape.ShapeProblem;

import java.io.PrintStream;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The registered tasks: name, configuration type, how a problem is made from a configuration, and a patch that
 * makes the default preset tiny (the smoke test trains every registered task for two steps with it). A new task is
 * one more entry here plus its preset file.
 */
public final class Problems {
    private Problems() {}

    /**
     * @param inputDim the dimension of the task's fields (what dimension-dependent defaults, e.g. a hash grid's, follow)
     * @param smoke JSON merged over the task's default preset to make a run of a few seconds on bundled data
     */
    public record Entry(String name, int inputDim, Class<? extends TaskConfig> configType, BiFunction<FitConfig, PrintStream, FitProblem> factory,
                        String smoke) {}

    private static final List<Entry> ALL = List.of(
            new Entry("image", 2, ImageConfig.class, ImageProblem::new,
                    "{\"task\": {\"resize\": 24, \"batch\": 0}, \"encoding\": {\"features\": 8}, \"network\": {\"hidden\": [8, 8]}}"),
            new Entry("scene", 3, SceneConfig.class, SceneProblem::new,
                    "{\"task\": {\"samplesPerStep\": 2048, \"maxRaysPerStep\": 256, \"samplesPerRay\": 16, \"occupancyResolution\": 8,"
                            + " \"evalViews\": 1, \"evalStride\": 8, \"testViews\": 1}, \"encoding\": {\"levels\": 4, \"log2TableSize\": 10, \"maxResolution\": 32},"
                            + " \"network\": {\"hidden\": [8, 8]}}"),
            new Entry("shape", 3, ShapeConfig.class, ShapeProblem::new,
                    "{\"task\": {\"source\": \"scenes/cow.off\", \"batch\": 256, \"pool\": 2000, \"meshRes\": 16, \"metricPoints\": 2000, \"chamferSamples\": 2000},"
                            + " \"encoding\": {\"levels\": 4, \"log2TableSize\": 10, \"maxResolution\": 32}, \"network\": {\"hidden\": [8, 8]}}"),
            new Entry("ct", 2, CtConfig.class, CtProblem::new,
                    "{\"task\": {\"views\": 6, \"gridSize\": 32, \"sirtIterations\": 5, \"warmStart\": 1}, \"encoding\": {\"levels\": 4, \"log2TableSize\": 10, \"maxResolution\": 32}, \"network\": {\"hidden\": [8, 8]}}"));

    public static List<Entry> all() { return ALL; }

    public static List<String> names() { return ALL.stream().map(Entry::name).toList(); }

    public static Entry entry(String name) {
        for (Entry e : ALL) if (e.name().equals(name)) return e;
        throw new UserError("unknown task '" + name + "' (known: " + names() + ")");
    }

    static Entry of(TaskConfig c) {
        for (Entry e : ALL) if (e.configType().isInstance(c)) return e;
        throw new IllegalStateException("task configuration " + c.getClass().getName() + " is not registered in Problems");
    }

    /** Reads the problem's input and builds it. */
    public static FitProblem create(FitConfig c, PrintStream log) { return of(c.task()).factory().apply(c, log); }
}
