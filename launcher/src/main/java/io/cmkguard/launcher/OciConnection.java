package io.cmkguard.launcher;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.Region;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.loggingsearch.LogSearchClient;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.waiter.MaxAttemptsTerminationStrategy;
import io.cmkguard.emulator.World;
import io.cmkguard.oci.Auth;
import io.cmkguard.oci.AuthMode;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.http.UrlConnectionHttpProvider;
import io.cmkguard.util.ConfigException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The OCI the operator commands talk to: a real tenancy through an OCI config file (profile, region), or
 * with --world a local emulator seeded with that world (nothing leaves the machine; its state is dropped on exit).
 */
final class OciConnection implements AutoCloseable {
    static final String DEFAULT_PROFILE = "DEFAULT";
    private static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BasicAuthenticationDetailsProvider signer;
    private final Optional<String> region;
    private final Optional<URI> endpoint;
    private final OciClients clients;
    private final LocalCloud cloud;
    private LogSearchClient logSearch;

    private OciConnection(BasicAuthenticationDetailsProvider signer, Optional<String> region,
                          Optional<URI> endpoint, LocalCloud cloud) {
        this.signer = signer;
        this.region = region;
        this.endpoint = endpoint;
        this.clients = new OciClients(signer, region, endpoint, ATTEMPTS, TIMEOUT);
        this.cloud = cloud;
    }

    /** --config-file, --profile, --region and --world: the options of every command that calls OCI. */
    static final class Options {
        private Path configFile;
        private String profile;
        private String region;
        private World world;

        /** Takes the option and its value if it is one of these; false otherwise. */
        boolean read(String arg, ArgReader reader) {
            switch (arg) {
                case "--config-file" -> configFile = ArgReader.existingFile(arg, reader.valueOf(arg));
                case "--profile" -> profile = reader.valueOf(arg);
                case "--region" -> region = reader.valueOf(arg);
                case "--world" -> world = ArgReader.world(reader.valueOf(arg));
                case "--verbose" -> { } // the SDK's warnings: see SdkLogging
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** The options are consistent: --world runs locally, so it takes none of the others. */
        void check() {
            if (world != null && (configFile != null || profile != null || region != null)) {
                throw new UsageException("--world runs against a local emulator: --profile, --config-file and"
                        + " --region are for a real tenancy");
            }
        }

        World world() {
            return world;
        }
    }

    static OciConnection open(Options options) {
        if (options.world != null) {
            LocalCloud cloud = LocalCloud.start(options.world);
            var wiring = cloud.wiring();
            Auth.Signer signer = configFile(Path.of(wiring.get("OCI_CONFIG_FILE")), DEFAULT_PROFILE);
            return new OciConnection(signer.provider(), Optional.of(wiring.get("CMK_GUARD_REGION")),
                    Optional.of(URI.create(cloud.emulator().baseUrl())), cloud);
        }
        Path file = options.configFile != null ? options.configFile : defaultConfigFile();
        Auth.Signer signer = configFile(file, options.profile != null ? options.profile : DEFAULT_PROFILE);
        Optional<String> region = Optional.ofNullable(options.region).or(signer::region);
        return new OciConnection(signer.provider(), region, Optional.empty(), null);
    }

    static Path defaultConfigFile() {
        return Path.of(System.getProperty("user.home"), ".oci", "config");
    }

    /**
     * The profile's signer, read as the function reads it (problems name the entry at fault, never a value),
     * with a laptop's advice: a usage error.
     */
    static Auth.Signer configFile(Path file, String profile) {
        if (!Files.isReadable(file)) {
            throw new UsageException("no OCI config file at " + file + ": give --config-file PATH and --profile NAME"
                    + " (as for the OCI CLI; 'oci setup config' makes one), or --world demo to try it locally");
        }
        try {
            return Auth.from(AuthMode.CONFIG_FILE, Map.of(Auth.CONFIG_FILE, file.toString(), Auth.CONFIG_PROFILE, profile));
        } catch (ConfigException e) {
            throw new UsageException(String.join("; ", e.problems()).replace(Auth.CONFIG_FILE_ADVICE, "")
                    + "; give --config-file PATH and --profile NAME, or --world demo to try it locally");
        }
    }

    OciClients clients() {
        return clients;
    }

    /** The Logging Search client (only cmk-guard logs needs it, so it is not among the function's clients). */
    synchronized LogSearchClient logSearch() {
        if (logSearch == null) {
            LogSearchClient.Builder builder = LogSearchClient.builder()
                    .httpProvider(new UrlConnectionHttpProvider())
                    .configuration(ClientConfiguration.builder()
                            .connectionTimeoutMillis(10_000)
                            .readTimeoutMillis((int) TIMEOUT.toMillis())
                            .retryConfiguration(RetryConfiguration.builder()
                                    .terminationStrategy(new MaxAttemptsTerminationStrategy(ATTEMPTS)).build())
                            .build());
            if (endpoint.isPresent()) {
                builder.endpoint(endpoint.get().toString());
            } else {
                region.ifPresent(r -> builder.region(Region.fromRegionCodeOrId(r)));
            }
            logSearch = builder.build(signer);
        }
        return logSearch;
    }

    @Override
    public synchronized void close() {
        if (logSearch != null) {
            logSearch.close();
        }
        clients.close();
        if (cloud != null) {
            cloud.close();
        }
    }
}
