package io.cmkguard.launcher;

import io.cmkguard.rules.EventRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code cmk-guard stack}: the Resource Manager zip holds exactly the stack's files, whatever else lies around. */
class StackCommandTest {
    /** The stack's files and one rule condition per family of the registry (what the Terraform stack creates). */
    private static final List<String> EXPECTED = expected();

    private static List<String> expected() {
        List<String> names = new ArrayList<>(List.of("iam.json", "main.tf", "outputs.tf", "schema.yaml", "variables.tf",
                "versions.tf"));
        EventRules.expected().forEach(rule -> names.add("rules/" + rule.fileName()));
        return names.stream().sorted().toList();
    }

    @TempDir
    Path tmp;

    /** A copy of deploy/terraform and events/rules with what the Terraform CLI and a user leave behind. */
    @Test
    void theZipHoldsExactlyTheStacksFilesAndNoneOfTheJunk() throws Exception {
        Path root = tmp.resolve("checkout");
        copy(Cli.repo().resolve("deploy/terraform"), root.resolve("deploy/terraform"));
        copy(Cli.repo().resolve("events/rules"), root.resolve("events/rules"));
        Path tf = root.resolve("deploy/terraform");
        Files.writeString(tf.resolve("terraform.tfvars"), "slack_webhook_url = \"https://hooks.slack.com/services/SECRET\"\n");
        Files.writeString(tf.resolve("terraform.tfstate"), "{\"secret\": true}");
        Files.writeString(tf.resolve("terraform.tfstate.backup"), "{}");
        Files.createDirectories(tf.resolve(".terraform/providers"));
        Files.writeString(tf.resolve(".terraform/providers/oci"), "binary");
        Files.createDirectories(tf.resolve("rules"));
        Files.writeString(tf.resolve("rules/block-storage.json"), "{\"stale\": \"copy\"}");
        Files.writeString(tf.resolve("notes.txt"), "mine");
        Files.writeString(tf.resolve("override.tf"), "# a local experiment");
        Files.writeString(root.resolve("events/rules/README.md"), "# not a rule");

        Path zip = tmp.resolve("stack.zip");
        StackZip.write(root, zip);

        Map<String, byte[]> entries = read(zip);
        assertEquals(EXPECTED, List.copyOf(entries.keySet()), "exactly the stack's files");
        assertArrayEquals(Files.readAllBytes(root.resolve("events/rules/block-storage.json")),
                entries.get("rules/block-storage.json"), "the rules come from events/rules, never a stale copy");
        assertArrayEquals(Files.readAllBytes(tf.resolve("main.tf")), entries.get("main.tf"));
        for (byte[] content : entries.values()) {
            assertTrue(!new String(content, StandardCharsets.UTF_8).contains("SECRET"), "no secret in the zip");
        }
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(root, zip), left.sorted().toList(), "no partial file left beside the zip");
        }
    }

    @Test
    void theCommandWritesTheZipOfThisCheckout() throws Exception {
        Path zip = tmp.resolve("cmk-guard-stack.zip");
        Cli cli = Cli.run("stack", "--output", zip.toString());
        assertEquals(0, cli.status, cli.toString());
        assertEquals(EXPECTED, List.copyOf(read(zip).keySet()));
        assertTrue(cli.out.startsWith("Wrote " + zip + " (" + EXPECTED.size() + " files: "), cli.out);
    }

    @Test
    void theSameSourcesGiveTheSameZip() throws Exception {
        Path first = tmp.resolve("a.zip");
        Path second = tmp.resolve("b.zip");
        StackZip.write(Cli.repo(), first);
        StackZip.write(Cli.repo(), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    /** Every file git tracks in deploy/terraform is either in the stack or named as not part of it. */
    @Test
    void everyTrackedStackFileIsListed() throws Exception {
        List<String> tracked = new ArrayList<>();
        try {
            Process git = new ProcessBuilder("git", "ls-files", StackZip.TERRAFORM_DIR).directory(Cli.repo().toFile())
                    .redirectErrorStream(true).start();
            String text = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(git.waitFor() == 0, "not a git checkout: " + text);
            text.lines().forEach(l -> tracked.add(l.substring(StackZip.TERRAFORM_DIR.length() + 1)));
        } catch (IOException e) {
            assumeTrue(false, "no git here: " + e.getMessage());
        }
        List<String> listed = new ArrayList<>(StackZip.STACK_FILES);
        listed.addAll(StackZip.NOT_IN_STACK);
        assertEquals(listed.stream().sorted().toList(), tracked.stream().sorted().toList());
    }

    private static Map<String, byte[]> read(Path zip) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }
}
