package io.cmkguard.launcher;

import io.cmkguard.emulator.World;
import io.cmkguard.oci.Auth;
import io.cmkguard.oci.AuthMode;
import io.cmkguard.oci.OciClients;
import io.cmkguard.util.ConfigException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The OCI the operator commands talk to: a real tenancy through an OCI config file (profile, region), or
 * with --world a local emulator seeded with that world (nothing leaves the machine; its state is dropped on exit).
 */
final class OciConnection implements AutoCloseable {
    private static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final OciClients clients;
    private final LocalCloud cloud;

    private OciConnection(OciClients clients, LocalCloud cloud) {
        this.clients = clients;
        this.cloud = cloud;
    }

    /** --config-file, --profile, --region and --world: the options of every command that calls OCI. */
    static final class Options {
        private Path configFile;
        private String profile;
        private String region;
        private Path world;

        /** Takes the option and its value if it is one of these; false otherwise. */
        boolean read(String arg, ArgReader reader) {
            switch (arg) {
                case "--config-file" -> configFile = ArgReader.existingFile(arg, reader.valueOf(arg));
                case "--profile" -> profile = reader.valueOf(arg);
                case "--region" -> region = reader.valueOf(arg);
                case "--world" -> world = ArgReader.existingFile(arg, reader.valueOf(arg));
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    static OciConnection open(Options options) {
        if (options.world != null) {
            World world;
            try {
                world = World.read(options.world);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            LocalCloud cloud = LocalCloud.start(world);
            var wiring = cloud.wiring();
            Auth.Signer signer = configFile(Path.of(wiring.get("OCI_CONFIG_FILE")), "DEFAULT");
            return new OciConnection(new OciClients(signer.provider(), Optional.of(wiring.get("CMK_GUARD_REGION")),
                    Optional.of(java.net.URI.create(cloud.emulator().baseUrl())), ATTEMPTS, TIMEOUT), cloud);
        }
        Path file = options.configFile != null ? options.configFile
                : Path.of(System.getProperty("user.home"), ".oci", "config");
        Auth.Signer signer = configFile(file, options.profile != null ? options.profile : "DEFAULT");
        Optional<String> region = Optional.ofNullable(options.region).or(signer::region);
        return new OciConnection(new OciClients(signer.provider(), region, Optional.empty(), ATTEMPTS, TIMEOUT), null);
    }

    /** The profile's signer, read as the function reads it: problems name the entry at fault, never a value. */
    private static Auth.Signer configFile(Path file, String profile) {
        try {
            return Auth.from(AuthMode.CONFIG_FILE, Map.of(Auth.CONFIG_FILE, file.toString(), Auth.CONFIG_PROFILE, profile));
        } catch (ConfigException e) {
            throw new UsageException(String.join("; ", e.problems())
                    + "; give --config-file and --profile, or --world to try it locally");
        }
    }

    OciClients clients() {
        return clients;
    }

    @Override
    public void close() {
        clients.close();
        if (cloud != null) {
            cloud.close();
        }
    }
}
