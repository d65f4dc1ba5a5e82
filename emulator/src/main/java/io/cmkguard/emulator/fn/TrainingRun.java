package io.cmkguard.emulator.fn;

import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One rehearsal of a function as Fn runs it, for class-data archives built from a training run: the
 * emulator (demo world, a throwaway trusted key) serves this JVM; the function is started with the
 * given JVM arguments (e.g. {@code -XX:ArchiveClassesAtExit=...}), answers each event once over its
 * unix socket, and is stopped as Fn stops it. In config values, {@code @EMULATOR_URL@} and
 * {@code @OCI_CONFIG_FILE@} stand for this run's emulator.
 * <p>Usage: {@code TrainingRun --function pkg.Class::method [--config K=V]... [--event FILE]... -- JVM_ARG...}
 * Exits 1 when the function did not answer 200.
 */
public final class TrainingRun {
    private TrainingRun() {
    }

    public static void main(String[] args) throws IOException {
        String function = null;
        Map<String, String> config = new LinkedHashMap<>();
        List<Path> events = new ArrayList<>();
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--function" -> function = args[++i];
                case "--config" -> {
                    String[] kv = args[++i].split("=", 2);
                    config.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
                case "--event" -> events.add(Path.of(args[++i]));
                case "--" -> {
                    jvmArgs.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (function == null || jvmArgs.isEmpty()) {
            usage("--function and the JVM arguments after -- are required");
        }
        Path dir = Files.createTempDirectory("fn-training-");
        SigningKeys keys = SigningKeys.generate();
        Path ociConfig = keys.writeOciConfig(dir);
        boolean ok = true;
        try (OciEmulator emulator = OciEmulator.start(OciEmulator.demoWorld(), EmulatorOptions.trusting(keys.publicKey()))) {
            config.replaceAll((k, v) -> v.replace("@EMULATOR_URL@", emulator.baseUrl())
                    .replace("@OCI_CONFIG_FILE@", ociConfig.toString()));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path log = dir.resolve("function.log");
            try (FnContainer container = FnContainer.start(java, jvmArgs, function, config, log)
                    .awaitReady(Duration.ofSeconds(120));
                 FnSocketClient fn = new FnSocketClient(container.socket())) {
                List<byte[]> bodies = new ArrayList<>();
                for (Path event : events) {
                    bodies.add(Files.readAllBytes(event));
                }
                if (bodies.isEmpty()) {
                    bodies.add("{}".getBytes(StandardCharsets.UTF_8)); // any body will do
                }
                for (byte[] body : bodies) {
                    FnAnswer answer = fn.call(body, Instant.now().plusSeconds(60));
                    System.out.println(answer.status() + " " + answer.text());
                    ok &= answer.status() == 200;
                }
                container.close(); // SIGTERM: the JVM exits normally and writes its archive
                if (!ok) {
                    System.err.println(container.logText());
                }
            }
        } finally {
            // the throwaway key is only good for this run: leave nothing behind
            Files.deleteIfExists(dir.resolve(SigningKeys.PRIVATE_KEY_FILE));
            Files.deleteIfExists(dir.resolve(SigningKeys.CONFIG_FILE));
            Files.deleteIfExists(dir.resolve("function.log"));
            Files.deleteIfExists(dir);
        }
        System.exit(ok ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("TrainingRun: " + problem);
        System.err.println("usage: TrainingRun --function pkg.Class::method [--config K=V]... [--event FILE]... -- JVM_ARG...");
        System.exit(2);
    }
}
