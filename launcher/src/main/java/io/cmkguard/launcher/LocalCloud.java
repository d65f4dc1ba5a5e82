package io.cmkguard.launcher;

import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.emulator.World;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator seeded with a world, plus a throwaway API signing key it trusts and the OCI config file
 * the function signs with. The key lives in a temp dir that is deleted on close.
 */
final class LocalCloud implements AutoCloseable {
    /** The function's log group and invoke log in the emulator's OCI Logging (the stack's "cmk-guard"/"cmk-guard-invoke"). */
    static final String LOG_GROUP_ID = "ocid1.loggroup.oc1.iad.cmkguardlocal";
    static final String LOG_ID = "ocid1.log.oc1.iad.cmkguardinvoke";
    /** Where the logs of a world with no compartments live. */
    static final String NO_TENANCY = "ocid1.tenancy.oc1..local";

    private final OciEmulator emulator;
    private final Path keyDir;
    private final Path ociConfigFile;

    private LocalCloud(OciEmulator emulator, Path keyDir, Path ociConfigFile) {
        this.emulator = emulator;
        this.keyDir = keyDir;
        this.ociConfigFile = ociConfigFile;
    }

    static LocalCloud start(World world) {
        SigningKeys keys = SigningKeys.generate();
        Path dir;
        try {
            dir = Files.createTempDirectory("cmk-guard-local-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
        Path config = keys.writeOciConfig(dir);
        return new LocalCloud(OciEmulator.start(world, EmulatorOptions.trusting(keys.publicKey())), dir, config);
    }

    /**
     * The world's tenancy: the parent of its top compartments, as a tenancy OCID; empty for a world with no
     * compartments. Commands print it so that the OCID to pass as --compartment is at hand.
     */
    static Optional<String> tenancyOf(World world) {
        return world.resources("compartments").stream()
                .map(c -> c.path("compartmentId").asText(""))
                .filter(id -> id.startsWith("ocid1.tenancy."))
                .findFirst();
    }

    /**
     * A fresh CMK_GUARD_CONTINUATION_KEY, as the stack sets one: a sweep's next invocation may run in another
     * container, which must verify the token the last one signed.
     */
    static String continuationKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A stream for the function's log: to {@code downstream}, and into the emulator's OCI Logging. */
    PrintStream functionLog(PrintStream downstream, World world) {
        return InvokeLogTee.of(downstream, emulator, tenancyOf(world).orElse(NO_TENANCY));
    }

    OciEmulator emulator() {
        return emulator;
    }

    /** The function config that points it at this emulator, signing with the throwaway key. */
    Map<String, String> wiring() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("CMK_GUARD_OCI_ENDPOINT", emulator.baseUrl());
        config.put("CMK_GUARD_AUTH", "config_file");
        config.put("OCI_CONFIG_FILE", ociConfigFile.toString());
        config.put("CMK_GUARD_REGION", SigningKeys.REGION);
        return config;
    }

    @Override
    public void close() {
        emulator.close();
        try {
            Files.deleteIfExists(keyDir.resolve(SigningKeys.PRIVATE_KEY_FILE));
            Files.deleteIfExists(keyDir.resolve(SigningKeys.CONFIG_FILE));
            Files.deleteIfExists(keyDir);
        } catch (IOException e) {
            System.err.println("cmk-guard: could not delete the throwaway key in " + keyDir + ": " + e.getMessage());
        }
    }
}
