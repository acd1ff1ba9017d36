package dev.fields.render;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Base of tests that need OpenGL: one headless context per test class. Without OpenGL a test is skipped on a
 * developer's machine, but fails when CI=true (CI installs Mesa, so a missing context is a real failure there).
 */
abstract class GlTest {
    static GlContext ctx;

    @BeforeAll static void context() {
        try {
            ctx = GlContext.headless();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            if ("true".equals(System.getenv("CI"))) fail("CI must run the GL tests, but no OpenGL context: " + e.getMessage());
            assumeTrue(false, "no OpenGL here: " + e.getMessage());
        }
    }

    @AfterAll static void release() {
        if (ctx != null) ctx.close();
        ctx = null;
    }
}
