package io.cmkguard.fn;

import io.cmkguard.resource.type.ResourceTypes;
import com.fnproject.fn.runtime.Version;
import io.cmkguard.config.GuardConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** func.yaml and the Dockerfile cannot be run here (no Docker, no Fn server): check them by reading. */
class DeployablesTest {
    private static final String HANDLER = "io.cmkguard.fn.CmkGuardFunction::handleRequest";

    @Test
    void funcYamlListsEveryConfigKeyTheFunctionUnderstands() {
        Set<String> expected = new TreeSet<>(GuardConfig.KEYS);
        expected.addAll(GuardConfig.modeKeys(ResourceTypes.checkedNames()));
        List<String> keys = configKeys(RepoFiles.read(RepoFiles.root().resolve("func.yaml")));
        Set<String> listed = new TreeSet<>(keys);
        assertEquals(listed.size(), keys.size(), "func.yaml lists a key twice: " + keys);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        Set<String> unknown = new TreeSet<>(listed);
        unknown.removeAll(expected);
        assertEquals("", (missing.isEmpty() ? "" : "func.yaml lacks " + missing + ". ")
                + (unknown.isEmpty() ? "" : "func.yaml lists keys the function rejects: " + unknown));
    }

    @Test
    void funcYamlDescribesTheDockerFunction() {
        String yaml = RepoFiles.read(RepoFiles.root().resolve("func.yaml"));
        for (String line : List.of("schema_version: 20180708", "name: cmk-guard", "version: 0.1.0",
                "runtime: docker", "memory: 256", "timeout: 120", "  CMK_GUARD_MODE: notify")) {
            assertTrue(yaml.lines().anyMatch(line::equals), "func.yaml lacks: " + line);
        }
    }

    @Test
    void dockerfileRunsThisHandlerOnTheFdkImageOfTheBuiltVersion() throws Exception {
        String dockerfile = RepoFiles.read(RepoFiles.root().resolve("Dockerfile"));
        assertTrue(dockerfile.contains("\nFROM fnproject/fn-java-fdk:jre17-" + Version.FDK_VERSION + "\n"),
                "the runtime image must match the FDK on the class path (" + Version.FDK_VERSION + ")");
        assertTrue(dockerfile.contains("CMD [\"" + HANDLER + "\"]"));
        // the shipped layout comes from the same script the bench measures, trained in the image
        assertTrue(dockerfile.contains("functions/cmk-guard/image/layout.sh slim /layout \\\n"
                + "      functions/cmk-guard/target/cmk-guard-function-0.1.0.jar functions/cmk-guard/target/lib/*.jar"));
        assertTrue(dockerfile.contains("/image/layout.sh train /function /function/runtime"));
        assertTrue(dockerfile.contains("ENTRYPOINT [\"java\", \"@/function/jvm.args\""));
        assertTrue(dockerfile.contains("\"-cp\", \"/function/app/*:/function/runtime/*\""));
        // the named handler exists; it takes the raw InputEvent for the body and the call's deadline
        CmkGuardFunction.class.getMethod("handleRequest", com.fnproject.fn.api.InputEvent.class);
    }

    @Test
    void theImageTrainsOnExistingSamplesStartingWithTheBenchmarksEvent() {
        List<String> events = RepoFiles.read(RepoFiles.root().resolve("functions/cmk-guard/image/train-events")).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertTrue(events.size() > 1, "train-events lists " + events);
        assertEquals("blockvolumes.createvolume.end--oracle-managed.json", events.get(0),
                "bench/run.sh's cold start remediates this event: it must be trained first");
        for (String event : events) {
            assertTrue(java.nio.file.Files.isRegularFile(RepoFiles.root().resolve("events/samples").resolve(event)),
                    "train-events names a sample that does not exist: " + event);
        }
        String dockerfile = RepoFiles.read(RepoFiles.root().resolve("Dockerfile"));
        assertTrue(dockerfile.contains("/image/train-events)"), "the Dockerfile trains on train-events");
        assertTrue(RepoFiles.read(RepoFiles.root().resolve("bench/run.sh")).contains("$fn/image/train-events)"),
                "the bench trains as the image does");
    }

    /** The keys of the top-level config: block (two-space indented "KEY: value" lines). */
    private static List<String> configKeys(String yaml) {
        List<String> keys = new ArrayList<>();
        boolean inConfig = false;
        Pattern entry = Pattern.compile("^  ([A-Z0-9_]+):.*$");
        for (String line : yaml.lines().toList()) {
            if (!line.startsWith(" ") && !line.startsWith("#") && !line.isBlank()) {
                inConfig = line.equals("config:");
                continue;
            }
            Matcher m = entry.matcher(line);
            if (inConfig && m.matches()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }
}
