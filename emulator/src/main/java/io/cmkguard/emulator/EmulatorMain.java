package io.cmkguard.emulator;

import io.cmkguard.emulator.fn.FnLayout;
import io.cmkguard.emulator.fn.PackagedFunctionHost;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an emulator until killed. Prints the base URL as the first line on stdout; when it generated a
 * signing key (no --public-key given) the second line is {@code OCI_CONFIG_FILE=<path>}, a config whose
 * [DEFAULT] profile the OCI SDKs and CLI can use against the emulator. With {@code --function LAYOUT_DIR} it runs
 * that packaged function, out of process as Fn does, whenever one of the world's functions is invoked.
 */
public final class EmulatorMain {
    /**
     * A started emulator and what to do when it stops.
     *
     * @param configFile the generated OCI config, or null when keys were given
     */
    record Launched(OciEmulator emulator, Path configFile, Path dumpOnExit, PackagedFunctionHost functionHost) {
        void stop() {
            if (functionHost != null) {
                functionHost.close();
            }
            emulator.close();
            if (dumpOnExit != null) {
                try {
                    Files.writeString(dumpOnExit, Json.pretty(emulator.dump()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot write the dump to " + dumpOnExit, e);
                }
            }
            if (configFile != null) {
                deleteGeneratedKey(configFile.getParent());
            }
        }

        /** The throwaway key is only good for this run: don't leave private keys behind in /tmp. */
        private static void deleteGeneratedKey(Path dir) {
            try {
                Files.deleteIfExists(dir.resolve(SigningKeys.PRIVATE_KEY_FILE));
                Files.deleteIfExists(dir.resolve(SigningKeys.CONFIG_FILE));
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                System.err.println("emulator: could not delete " + dir + ": " + e.getMessage());
            }
        }
    }

    private EmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Launched launched;
        try {
            launched = launch(EmulatorArguments.parse(args), System.out);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("emulator: " + e.getMessage());
            System.err.println(EmulatorArguments.USAGE);
            System.exit(2);
            return;
        }
        Launched running = launched;
        Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "emulator-shutdown"));
        new CountDownLatch(1).await(); // the emulator serves on daemon threads: keep the JVM alive until killed
    }

    static Launched launch(EmulatorArguments arguments, PrintStream out) {
        World world = arguments.world() == null ? OciEmulator.demoWorld() : World.read(arguments.world());
        EmulatorArguments.HostedFunction hosted = arguments.function();
        // a wrong layout or configuration fails before anything starts
        FnLayout function = hosted == null ? null : new FnLayout(hosted.layout(), hosted.runtime());
        Map<String, String> functionConfig = hosted == null || hosted.config() == null ? Map.of()
                : readConfig(hosted.config());
        Path functionLog = hosted == null ? null
                : hosted.log() != null ? hosted.log() : temporaryDirectory().resolve("function.log");
        List<PublicKey> trusted = new ArrayList<>();
        arguments.publicKeys().forEach(file -> trusted.add(SigningKeys.readPublicKey(file)));
        Path configFile = null;
        if (trusted.isEmpty()) {
            SigningKeys keys = SigningKeys.generate();
            configFile = keys.writeOciConfig(temporaryDirectory());
            trusted.add(keys.publicKey());
        }
        EmulatorOptions options = EmulatorOptions.trusting(trusted.toArray(PublicKey[]::new))
                .withLatency(java.time.Duration.ofMillis(arguments.latencyMs())).withThrottle(arguments.throttle());
        OciEmulator emulator = OciEmulator.start(world, options, arguments.port());
        PackagedFunctionHost host = function == null ? null
                : hostFunction(emulator, world, function, functionConfig, functionLog, configFile);
        out.println(emulator.baseUrl());
        if (configFile != null) {
            out.println("OCI_CONFIG_FILE=" + configFile.toAbsolutePath());
        }
        out.flush();
        return new Launched(emulator, configFile, arguments.dumpOnExit(), host);
    }

    /**
     * The packaged function as the emulator's function host. In its configuration {@code @EMULATOR_URL@} and
     * {@code @OCI_CONFIG_FILE@} stand for this emulator and the OCI config it generated (as in a training run).
     */
    private static PackagedFunctionHost hostFunction(OciEmulator emulator, World world, FnLayout layout,
                                                     Map<String, String> rawConfig, Path log, Path ociConfig) {
        Map<String, String> config = new LinkedHashMap<>();
        rawConfig.forEach((key, value) -> config.put(key, value.replace("@EMULATOR_URL@", emulator.baseUrl())
                .replace("@OCI_CONFIG_FILE@", ociConfig == null ? "" : ociConfig.toAbsolutePath().toString())));
        System.err.println("emulator: the function's output goes to " + log.toAbsolutePath());
        Map<String, PackagedFunctionHost.FnIdentity> functions = new LinkedHashMap<>();
        for (var f : world.resources("functions")) {
            String id = f.path("id").asText();
            functions.put(id, new PackagedFunctionHost.FnIdentity(id, f.path("applicationId").asText(null),
                    f.path("displayName").asText(null), f.path("memoryInMBs").asLong(256)));
        }
        PackagedFunctionHost host = new PackagedFunctionHost(layout, config, log, functions);
        emulator.hostFunction(host);
        return host;
    }

    /** K=V lines; blank lines and lines starting with # are skipped (the format of layout.sh's CONFIG). */
    static Map<String, String> readConfig(Path file) {
        Map<String, String> config = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function configuration " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + " is not KEY=VALUE: " + line);
            }
            config.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return config;
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cmk-guard-emulator-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }
}
