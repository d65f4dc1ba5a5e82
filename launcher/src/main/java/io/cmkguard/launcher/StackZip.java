package io.cmkguard.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The OCI Resource Manager stack as a zip, from a list of the files it needs, never a folder: whatever else
 * lies in deploy/terraform (terraform.tfvars with a webhook URL, state, .terraform/, a stale rules/ copy)
 * stays out. The rules come from events/rules, the one place they live, as rules/*.json (main.tf reads
 * ./rules only when ../../events/rules is absent, as it is in the zip).
 */
final class StackZip {
    static final String TERRAFORM_DIR = "deploy/terraform";
    static final String RULES_DIR = "events/rules";
    /** The stack's own files in deploy/terraform; a test keeps this list equal to what git tracks there. */
    static final List<String> STACK_FILES = List.of("iam.json", "main.tf", "outputs.tf", "schema.yaml",
            "variables.tf", "versions.tf");
    /** Tracked in deploy/terraform but not part of the stack: the template of a laptop's terraform.tfvars. */
    static final List<String> NOT_IN_STACK = List.of("terraform.tfvars.example");
    /** Zip entries carry this time, so that the same sources give the same zip. */
    private static final FileTime EPOCH = FileTime.fromMillis(315532800000L); // 1980-01-01, zip's own epoch

    private StackZip() {
    }

    /** The zip's entries (name -> source file), in name order. */
    static Map<String, Path> entries(Path root) {
        Map<String, Path> entries = new TreeMap<>();
        for (String name : STACK_FILES) {
            Path file = root.resolve(TERRAFORM_DIR).resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: the stack needs it");
            }
            entries.put(name, file);
        }
        for (Path rule : ruleFiles(root.resolve(RULES_DIR))) {
            entries.put("rules/" + rule.getFileName(), rule);
        }
        return entries;
    }

    /** Writes the zip to a temporary file beside the target, then moves it into place: never half a zip. */
    static Map<String, Path> write(Path root, Path zip) {
        Map<String, Path> entries = entries(root);
        Path dir = zip.toAbsolutePath().getParent();
        try {
            Path partial = Files.createTempFile(dir, ".cmk-guard-stack-", ".zip.partial");
            try (OutputStream file = Files.newOutputStream(partial); ZipOutputStream out = new ZipOutputStream(file)) {
                for (Map.Entry<String, Path> entry : entries.entrySet()) {
                    ZipEntry zipEntry = new ZipEntry(entry.getKey());
                    zipEntry.setLastModifiedTime(EPOCH);
                    out.putNextEntry(zipEntry);
                    Files.copy(entry.getValue(), out);
                    out.closeEntry();
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + zip, e);
        }
        return entries;
    }

    private static List<Path> ruleFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> rules = new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(Files::isRegularFile).sorted().toList());
            if (rules.isEmpty()) {
                throw new IllegalStateException(dir + " holds no rule conditions (*.json)");
            }
            return rules;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
