package io.cmkguard.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Layers point one way: every package of shared is a slice (resource and resource.type apart), and no
 * slice may reach itself again through the others. The nouns every layer shares live low (model, result),
 * the registry sits beside the types, and config is handed the type names rather than importing them.
 */
class PackageCyclesTest {
    /** shared's own main classes (surefire runs in the module's folder), not the emulator's or the tests'. */
    private static final JavaClasses SHARED = new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void sharedHasNoPackageCycles() {
        assertTrue(SHARED.size() > 100, "the import found shared's classes (" + SHARED.size() + ")");
        slices().matching("io.cmkguard.(**)").should().beFreeOfCycles().check(SHARED);
    }
}
