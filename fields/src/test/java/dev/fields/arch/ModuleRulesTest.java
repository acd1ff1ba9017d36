package dev.fields.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.fields.render.ViolatingRenderClassFixture;

import java.util.List;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The module rules of DESIGN.md, checked on the compiled classes of every module on this test classpath (so fully
 * qualified names, casts and method calls count, not only imports): {@code io ← shaders ← {fields, render}}; io
 * uses no ND4J and LWJGL only for Assimp mesh import; shaders uses neither ND4J nor LWJGL; render never uses
 * ND4J or the trainer; inside fields only cli uses render or GL; ray (when present) uses only io.
 * Compile-time constants are inlined by javac and stay invisible here.
 */
@AnalyzeClasses(packages = "dev.fields", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {
    private static final String[] ND4J = {"org.nd4j..", "org.deeplearning4j..", "org.bytedeco.."};
    private static final String[] GL = {"org.lwjgl.opengl..", "org.lwjgl.opengles..", "org.lwjgl.glfw..", "org.lwjgl.egl.."};
    private static final String IO = "dev.fields.io..", SHADERS = "dev.fields.shaders..", RENDER = "dev.fields.render..", RAY = "dev.fields.ray..";

    /** Classes of the fields module: every dev.fields package that belongs to no other module. */
    private static final DescribedPredicate<JavaClass> FIELDS_MODULE =
            resideInAPackage("dev.fields..").and(not(resideInAnyPackage(IO, SHADERS, RENDER, RAY))).as("are in the fields module");

    /** A dev.fields class outside the given packages. */
    private static DescribedPredicate<JavaClass> ourClassesOutside(String... allowed) {
        return resideInAPackage("dev.fields..").and(not(resideInAnyPackage(allowed)))
                .as("are in dev.fields but outside " + String.join(", ", allowed));
    }

    @ArchTest static final ArchRule ioUsesNoOtherModule =
            noClasses().that().resideInAPackage(IO).should().dependOnClassesThat(ourClassesOutside(IO));

    @ArchTest static final ArchRule ioUsesNeitherNd4jNorGl =
            noClasses().that().resideInAPackage(IO).should().dependOnClassesThat().resideInAnyPackage(concat(ND4J, GL));

    @ArchTest static final ArchRule ioUsesLwjglOnlyForAssimp =
            noClasses().that().resideInAPackage(IO).should().dependOnClassesThat(resideInAPackage("org.lwjgl..")
                    .and(not(resideInAnyPackage("org.lwjgl", "org.lwjgl.system..", "org.lwjgl.assimp..")))
                    .as("are in LWJGL beyond its core and Assimp"));

    @ArchTest static final ArchRule ioUsesLwjglOnlyInMeshImport =
            noClasses().that().resideInAPackage(IO).and().resideOutsideOfPackage("dev.fields.io.mesh..")
                    .should().dependOnClassesThat().resideInAPackage("org.lwjgl..");

    @ArchTest static final ArchRule shadersUseOnlyIo =
            noClasses().that().resideInAPackage(SHADERS).should().dependOnClassesThat(ourClassesOutside(IO, SHADERS))
                    .orShould().dependOnClassesThat().resideInAnyPackage(concat(ND4J, new String[]{"org.lwjgl.."}));

    /** The ray layer is plain geometry shared with the trainer (cameras, compositing), not part of it: render may use it. */
    @ArchTest static final ArchRule renderNeverUsesTheTrainer =
            noClasses().that().resideInAPackage(RENDER).should().dependOnClassesThat(ourClassesOutside(IO, SHADERS, RAY, RENDER))
                    .orShould().dependOnClassesThat().resideInAnyPackage(ND4J);

    @ArchTest static final ArchRule onlyTheCliUsesTheRenderer =
            noClasses().that(FIELDS_MODULE).and().resideOutsideOfPackage("dev.fields.cli..")
                    .should().dependOnClassesThat().resideInAnyPackage(concat(new String[]{RENDER}, GL));

    @ArchTest static final ArchRule rayUsesOnlyIo =
            noClasses().that().resideInAPackage(RAY).should().dependOnClassesThat(ourClassesOutside(IO, RAY))
                    .orShould().dependOnClassesThat().resideInAnyPackage(concat(ND4J, new String[]{"org.lwjgl.."}))
                    .allowEmptyShould(true);

    /** The rules look at what they should: every module's classes are imported. */
    @ArchTest static void everyModuleIsOnTheClasspath(JavaClasses classes) {
        for (String c : List.of("dev.fields.io.AtomicFiles", "dev.fields.shaders.ReferenceEvaluator", "dev.fields.render.FieldRenderer",
                "dev.fields.cli.Main", "dev.fields.nn.FieldNetwork"))
            assertTrue(classes.contain(c), c + " not imported");
        assertFalse(classes.contain(ViolatingRenderClassFixture.class), "test classes are not part of the modules");
    }

    /** A render-package class that names ND4J and the trainer only by fully qualified names is caught. */
    @ArchTest static void fullyQualifiedReferencesAreSeen(JavaClasses ignored) {
        JavaClasses fixture = new ClassFileImporter().importClasses(ViolatingRenderClassFixture.class);
        EvaluationResult r = renderNeverUsesTheTrainer.evaluate(fixture);
        assertTrue(r.hasViolation(), "the fixture violates the render rule");
        String report = String.join("\n", r.getFailureReport().getDetails());
        assertTrue(report.contains("org.nd4j.linalg.factory.Nd4j"), report);
        assertTrue(report.contains("dev.fields.nn.FieldNetwork"), report);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
