package io.cmkguard;

import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.emulator.World;
import io.cmkguard.oci.Auth;
import io.cmkguard.oci.OciClients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An emulator serving a world, and the config that points cmk-guard's real SDK clients at it. */
public final class EmulatedCloud implements AutoCloseable {
    public final OciEmulator emulator;
    public final Path configFile;

    public EmulatedCloud(World world, EmulatorOptions options) {
        SigningKeys keys = SigningKeys.generate();
        try {
            configFile = keys.writeOciConfig(Files.createTempDirectory("cmk-guard-cloud"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        emulator = OciEmulator.start(world, options.alsoTrusting(keys.publicKey()));
    }

    public EmulatedCloud(World world) {
        this(world, EmulatorOptions.trusting());
    }

    /** The function config that reaches this emulator, plus the given keys. */
    public Map<String, String> config(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                GuardConfig.OCI_ENDPOINT, emulator.baseUrl(),
                GuardConfig.AUTH, "config_file",
                Auth.CONFIG_FILE, configFile.toString(),
                GuardConfig.REGION, "us-ashburn-1",
                GuardConfig.RETRY_ATTEMPTS, "3"));
        env.putAll(more);
        return env;
    }

    /** SDK clients signed with the emulator's trusted key. */
    public OciClients clients() {
        Map<String, String> env = config(Map.of(GuardConfig.MODE, "audit"));
        GuardConfig config = GuardConfig.fromEnv(env, ResourceTypes.checkedNames());
        Auth.Signer signer = Auth.from(config.auth(), env);
        return new OciClients(signer.provider(), Optional.of("us-ashburn-1"), config.endpoint(), 3,
                Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        emulator.close();
    }
}
