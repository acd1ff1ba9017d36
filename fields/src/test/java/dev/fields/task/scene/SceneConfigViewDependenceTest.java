package dev.fields.task.scene;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fields.fit.FitJson;
import dev.fields.fit.Presets;
import dev.fields.io.UserError;
import dev.fields.io.spec.ViewDependence;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** task.viewDependence: absent (every configuration written before it) reads as none, sh:DEG as written, anything else one line. */
class SceneConfigViewDependenceTest {
    private static SceneConfig read(ObjectNode tree) { return (SceneConfig) FitJson.read(tree, "test.json").task(); }

    @Test void anAbsentKeyIsNoneAndTheTokensRoundTrip() throws Exception {
        ObjectNode tree = Presets.load("scene");
        assertEquals("none", tree.with("task").get("viewDependence").asText(), "the preset names the default");
        ((ObjectNode) tree.get("task")).remove("viewDependence");
        assertEquals(ViewDependence.NONE, read(tree).viewDependence());
        for (ViewDependence v : ViewDependence.values()) {
            ((ObjectNode) tree.get("task")).put("viewDependence", v.token());
            SceneConfig c = read(tree);
            assertEquals(v, c.viewDependence());
            assertEquals(v.token(), FitJson.toTree(FitJson.read(tree, "t")).get("task").get("viewDependence").asText(), "written as its token");
            assertEquals(v, c.withSource("elsewhere").viewDependence());
        }
        ((ObjectNode) tree.get("task")).put("viewDependence", "SH:2");
        assertEquals(ViewDependence.SH2, read(tree).viewDependence(), "case does not matter");
    }

    @Test void aBadValueIsOneLineNamingTheKeyAndTheChoices() throws Exception {
        ObjectNode tree = Presets.load("scene");
        for (String bad : new String[]{"sh:4", "sh2", "yes"}) {
            ((ObjectNode) tree.get("task")).put("viewDependence", bad);
            UserError e = assertThrows(UserError.class, () -> read(tree));
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("viewDependence") && e.getMessage().contains("none or sh:DEG") && e.getMessage().contains(bad), e.getMessage());
        }
    }
}
