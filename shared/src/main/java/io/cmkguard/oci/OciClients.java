package io.cmkguard.oci;

import com.oracle.bmc.ClientConfiguration;
import com.oracle.bmc.Region;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.common.RegionalClientBuilder;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.ComputeClient;
import com.oracle.bmc.database.DatabaseClient;
import com.oracle.bmc.identity.IdentityClient;
import com.oracle.bmc.events.EventsClient;
import com.oracle.bmc.filestorage.FileStorageClient;
import com.oracle.bmc.functions.FunctionsInvokeClient;
import com.oracle.bmc.functions.FunctionsManagementClient;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.http.client.HttpProvider;
import com.oracle.bmc.keymanagement.KmsManagementClient;
import com.oracle.bmc.keymanagement.KmsVaultClient;
import com.oracle.bmc.monitoring.MonitoringClient;
import com.oracle.bmc.ons.NotificationDataPlaneClient;
import com.oracle.bmc.retrier.RetryConfiguration;
import com.oracle.bmc.util.CircuitBreakerUtils;
import com.oracle.bmc.waiter.MaxAttemptsTerminationStrategy;
import io.cmkguard.oci.http.UrlConnectionHttpProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The only place OCI SDK clients are built. Clients are created on first use (building one costs
 * hundreds of milliseconds in a cold JVM) and reused for the life of the warm function.
 */
public final class OciClients implements AutoCloseable {
    /**
     * The HTTP layer under every client: the JDK's HttpURLConnection instead of the SDK's Jersey
     * module (fewer classes to load at a cold start, no async thread pools; see UrlConnectionHttpProvider).
     */
    private static final HttpProvider HTTP = new UrlConnectionHttpProvider();

    private final BasicAuthenticationDetailsProvider signer;
    private final Optional<String> region;
    private final Optional<URI> endpoint;
    private final ClientConfiguration configuration;
    private final RetryConfiguration refusedOnly;

    private final Lazy<BlockstorageClient> blockstorage;
    private final Lazy<ComputeClient> compute;
    private final Lazy<KmsVaultClient> kmsVault;
    private final Lazy<NotificationDataPlaneClient> ons;
    private final Lazy<DatabaseClient> database;
    private final Lazy<IdentityClient> identity;
    private final Lazy<EventsClient> events;
    private final Lazy<FileStorageClient> fileStorage;
    private final Lazy<FunctionsManagementClient> functionsManagement;
    /** Invoke clients by invoke endpoint (each function application has its own). */
    private final Map<String, FunctionsInvokeClient> functionsInvoke = new ConcurrentHashMap<>();
    private final Lazy<MonitoringClient> monitoring;
    private final Map<String, KmsManagementClient> kmsManagement = new ConcurrentHashMap<>();
    /** Object Storage clients by region ("" = the function's own): a replicated bucket's source may be elsewhere. */
    private final Map<String, ObjectStorageClient> objectStorage = new ConcurrentHashMap<>();
    private final Map<String, Object> readOnce = new ConcurrentHashMap<>();
    private final Map<String, KmsVaultClient> kmsVaultByRegion = new ConcurrentHashMap<>();
    private final SignedJsonReader rawReader;
    private final RetryAfterGate retryAfter = new RetryAfterGate();

    /**
     * @param region   the region the clients call (the function's own), if known
     * @param endpoint one base URL for every OCI API, e.g. the local emulator; empty in production
     */
    public OciClients(BasicAuthenticationDetailsProvider signer, Optional<String> region, Optional<URI> endpoint,
                      int attempts, Duration timeout) {
        this.signer = signer;
        this.region = region;
        this.endpoint = endpoint;
        this.configuration = ClientConfiguration.builder()
                .connectionTimeoutMillis((int) Math.min(timeout.toMillis(), 10_000))
                .readTimeoutMillis((int) timeout.toMillis())
                .retryConfiguration(RetryConfiguration.builder()
                        .terminationStrategy(new MaxAttemptsTerminationStrategy(attempts))
                        .delayStrategy(new QuickBackoff())
                        .retryCondition(new TransientFaults())
                        .build())
                // One invocation's faults must not open a breaker that fails the next invocations.
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
        this.refusedOnly = RetryConfiguration.builder().terminationStrategy(new MaxAttemptsTerminationStrategy(attempts))
                .delayStrategy(new QuickBackoff()).retryCondition(e -> e.getStatusCode() == 429).build();
        this.blockstorage = new Lazy<>(() -> build(BlockstorageClient.builder()));
        this.compute = new Lazy<>(() -> build(ComputeClient.builder()));
        this.kmsVault = new Lazy<>(() -> build(KmsVaultClient.builder()));
        this.ons = new Lazy<>(() -> build(NotificationDataPlaneClient.builder()));
        // The SDK warns that five DatabaseClient operations return streams the Apache connector needs closed;
        // our HTTP layer is not Apache's, reads every answer whole, and cmk-guard calls none of the five.
        this.database = new Lazy<>(() -> build(DatabaseClient.builder().isStreamWarningEnabled(false)));
        this.identity = new Lazy<>(() -> build(IdentityClient.builder()));
        this.events = new Lazy<>(() -> build(EventsClient.builder()));
        this.fileStorage = new Lazy<>(() -> build(FileStorageClient.builder()));
        this.functionsManagement = new Lazy<>(() -> build(FunctionsManagementClient.builder()));
        this.monitoring = new Lazy<>(() -> monitoringClient(attempts, timeout));
        this.rawReader = new SignedJsonReader(signer, attempts, timeout);
    }

    /**
     * For calls that must not land twice (writes kept once, a detached invocation): retried only when OCI
     * refused them with 429 TooManyRequests, which it answers before doing anything, so the retry cannot repeat
     * work. A sweep at the API's rate limit meets 429s all the time; a write sent once would be lost to one.
     */
    public RetryConfiguration refusedOnly() {
        return refusedOnly;
    }

    /**
     * A database's wire JSON, signed like every SDK call: for fields SDK 3.55.1 does not model.
     * Empty when it does not exist.
     */
    public Optional<com.fasterxml.jackson.databind.JsonNode> databaseJson(String databaseId) {
        return rawReader.get("GetDatabase (raw) " + databaseId, database().getEndpoint(),
                "/20160918/databases/" + databaseId);
    }

    public BlockstorageClient blockstorage() {
        return blockstorage.get();
    }

    public ComputeClient compute() {
        return compute.get();
    }

    public KmsVaultClient kmsVault() {
        return kmsVault.get();
    }

    /**
     * The vault client of a region: a key's vault is read in the key's own region (a cross-region replica's
     * key is in the replica's region). The function's own client for its region, an unknown one or the emulator.
     */
    public KmsVaultClient kmsVault(String regionId) {
        Optional<Region> asked = regionNamed(regionId);
        if (endpoint.isPresent() || asked.isEmpty() || asked.equals(region.flatMap(OciClients::regionNamed))) {
            return kmsVault();
        }
        return kmsVaultByRegion.computeIfAbsent(asked.get().getRegionId(), id -> KmsVaultClient.builder()
                .httpProvider(HTTP).configuration(configuration).additionalClientConfigurator(retryAfter)
                .region(asked.get()).build(signer));
    }

    private static Optional<Region> regionNamed(String regionId) {
        try {
            return regionId == null || regionId.isBlank() ? Optional.empty()
                    : Optional.of(Region.fromRegionCodeOrId(regionId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public NotificationDataPlaneClient ons() {
        return ons.get();
    }

    public DatabaseClient database() {
        return database.get();
    }

    /** Compartments, for sweeps of a compartment tree. */
    public IdentityClient identity() {
        return identity.get();
    }

    /** The Events rule API (bin/cmk-guard rules, and the rules check). */
    public EventsClient events() {
        return events.get();
    }

    public FileStorageClient fileStorage() {
        return fileStorage.get();
    }

    /** OCI Functions' management API: a function's own invoke endpoint. */
    public FunctionsManagementClient functionsManagement() {
        return functionsManagement.get();
    }

    /** The invoke API at a function's invoke endpoint (the emulator's URL when one is set). */
    public FunctionsInvokeClient functionsInvoke(String invokeEndpoint) {
        String target = endpoint.map(URI::toString).orElse(invokeEndpoint);
        // as for the DatabaseClient: the stream warning is about the Apache connector, which is not ours
        return functionsInvoke.computeIfAbsent(target, url -> FunctionsInvokeClient.builder()
                .isStreamWarningEnabled(false).httpProvider(HTTP)
                .configuration(configuration).additionalClientConfigurator(retryAfter).endpoint(url).build(signer));
    }

    /**
     * Monitoring, for posting metrics: PostMetricData is served by the region's telemetry-ingestion endpoint,
     * not the telemetry one the SDK derives (the emulator serves both at its one URL).
     */
    public MonitoringClient monitoring() {
        return monitoring.get();
    }

    /**
     * Metrics are best effort and posted before an event is answered: short timeouts and at most two attempts,
     * so that Monitoring being slow or down costs an answer a few seconds at most. Its Retry-After does not
     * close the gate the sweep reads: Monitoring throttling metrics is no reason to stop judging.
     */
    private MonitoringClient monitoringClient(int attempts, Duration timeout) {
        ClientConfiguration shortCalls = ClientConfiguration.builder()
                .connectionTimeoutMillis((int) Math.min(timeout.toMillis(), 2_000))
                .readTimeoutMillis((int) Math.min(timeout.toMillis(), 5_000))
                .retryConfiguration(RetryConfiguration.builder()
                        .terminationStrategy(new MaxAttemptsTerminationStrategy(Math.min(attempts, 2)))
                        .delayStrategy(new QuickBackoff())
                        .retryCondition(new TransientFaults())
                        .build())
                .circuitBreakerConfiguration(CircuitBreakerUtils.getNoCircuitBreakerConfiguration())
                .build();
        String url = endpoint.map(URI::toString).orElseGet(() -> {
            Region own = region.flatMap(OciClients::regionNamed).orElseThrow(() -> new IllegalStateException(
                    "no region known to post metrics in"));
            return "https://telemetry-ingestion." + own.getRegionId() + "." + own.getRealm().getSecondLevelDomain();
        });
        return MonitoringClient.builder().httpProvider(HTTP).configuration(shortCalls).endpoint(url).build(signer);
    }

    /** Object Storage in the function's region. */
    public ObjectStorageClient objectStorage() {
        return objectStorage("");
    }

    /** Object Storage in a region (its id, e.g. us-phoenix-1; "" = the function's own); the emulator serves all. */
    public ObjectStorageClient objectStorage(String regionId) {
        String key = endpoint.isPresent() ? "" : regionId;
        return objectStorage.computeIfAbsent(key, r -> {
            // as for the DatabaseClient: getObject's stream warning is about the Apache connector, which is not ours
            ObjectStorageClient.Builder builder = ObjectStorageClient.builder().isStreamWarningEnabled(false);
            if (r.isEmpty()) {
                return build(builder);
            }
            return builder.httpProvider(HTTP).configuration(configuration).additionalClientConfigurator(retryAfter)
                    .region(Region.fromRegionCodeOrId(r)).build(signer);
        });
    }

    /** The tenancy's Object Storage namespace, read once (GetNamespace). */
    public String objectStorageNamespace() {
        return readOnce("objectstorage-namespace", () -> OciCalls.call("GetNamespace",
                () -> objectStorage().getNamespace(
                        com.oracle.bmc.objectstorage.requests.GetNamespaceRequest.builder().build()).getValue()));
    }

    /**
     * A value that does not change for the life of a tenancy's function (its Object Storage namespace, its
     * region's availability domains), read on first use and then kept; a read that fails is not kept.
     */
    @SuppressWarnings("unchecked")
    public <T> T readOnce(String what, Supplier<T> read) {
        Object known = readOnce.get(what);
        if (known == null) {
            known = read.get();
            readOnce.putIfAbsent(what, known);
        }
        return (T) known;
    }

    /** A key-management client for one vault (keys are served by their vault's own endpoint). */
    public KmsManagementClient kmsManagement(String managementEndpoint) {
        String target = endpoint.map(URI::toString).orElse(managementEndpoint);
        return kmsManagement.computeIfAbsent(target, url -> KmsManagementClient.builder().httpProvider(HTTP)
                .configuration(configuration).additionalClientConfigurator(retryAfter).endpoint(url).build(signer));
    }

    /** How long OCI has asked (by Retry-After) that no request be sent; zero when it has not. */
    public Duration throttledFor() {
        return Duration.ofMillis(retryAfter.closedForMillis());
    }

    /** True when every call goes to one override URL (the emulator). */
    public boolean hasEndpointOverride() {
        return endpoint.isPresent();
    }

    private <C, B extends RegionalClientBuilder<B, C>> C build(B builder) {
        builder.httpProvider(HTTP);
        builder.configuration(configuration);
        builder.additionalClientConfigurator(retryAfter);
        if (endpoint.isPresent()) {
            builder.endpoint(endpoint.get().toString());
        } else {
            region.ifPresent(r -> builder.region(Region.fromRegionCodeOrId(r)));
        }
        return builder.build(signer);
    }

    @Override
    public void close() {
        blockstorage.close();
        compute.close();
        kmsVault.close();
        ons.close();
        database.close();
        identity.close();
        events.close();
        fileStorage.close();
        functionsManagement.close();
        functionsInvoke.values().forEach(FunctionsInvokeClient::close);
        monitoring.close();
        objectStorage.values().forEach(ObjectStorageClient::close);
        kmsManagement.values().forEach(KmsManagementClient::close);
        kmsVaultByRegion.values().forEach(KmsVaultClient::close);
    }

    /** Built once on first use; thread-safe. */
    private static final class Lazy<T extends AutoCloseable> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    if (value == null) {
                        value = factory.get();
                    }
                    v = value;
                }
            }
            return v;
        }

        void close() {
            T v = value;
            if (v != null) {
                try {
                    v.close();
                } catch (Exception ignored) {
                    // closing at shutdown: nothing useful to do
                }
            }
        }
    }
}
