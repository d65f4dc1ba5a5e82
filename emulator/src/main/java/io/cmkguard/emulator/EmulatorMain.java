package io.cmkguard.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs an emulator until killed. Prints the base URL as the first line on stdout; when it generated a
 * signing key (no --public-key given) the second line is {@code OCI_CONFIG_FILE=<path>}, a config whose
 * [DEFAULT] profile the OCI SDKs and CLI can use against the emulator.
 */
public final class EmulatorMain {
    /**
     * A started emulator and what to do when it stops.
     *
     * @param configFile the generated OCI config, or null when keys were given
     */
    record Launched(OciEmulator emulator, Path configFile, Path dumpOnExit) {
        void stop() {
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
        out.println(emulator.baseUrl());
        if (configFile != null) {
            out.println("OCI_CONFIG_FILE=" + configFile.toAbsolutePath());
        }
        out.flush();
        return new Launched(emulator, configFile, arguments.dumpOnExit());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("cmk-guard-emulator-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }
}
