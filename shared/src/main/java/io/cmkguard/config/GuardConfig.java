package io.cmkguard.config;

import io.cmkguard.util.ConfigException;
import io.cmkguard.oci.Auth;
import io.cmkguard.policy.PolicySettings;
import io.cmkguard.policy.RotationPolicy;
import io.cmkguard.oci.AuthMode;
import io.cmkguard.util.Ocid;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The function's configuration, read once when the function starts. This is the only place config
 * keys are read; every missing or invalid key is reported together, never at event time.
 */
public record GuardConfig(
        Mode mode,
        Map<String, Mode> modeByResourceType,
        Optional<String> remediationKeyId,
        Map<String, String> remediationKeyByCompartment,
        Optional<String> topicId,
        Set<String> allowedKeyIds,
        Set<String> allowedVaultIds,
        boolean requireHsm,
        String exemptTag,
        Optional<String> region,
        Optional<URI> endpoint,
        AuthMode auth,
        Duration keyCacheTtl,
        int retryAttempts,
        Duration timeout,
        Duration dedupWindow,
        Set<String> externalKeyProviders,
        String consoleUrl,
        Duration functionTimeout,
        SweepLimits sweep,
        WatchSettings watch,
        ContinuationSecret continuationSecret,
        boolean reencryptBuckets,
        int keyMaxAgeDays,
        SweepChainSettings chain,
        Optional<String> metricsCompartmentId) {

    public static final String MODE = "CMK_GUARD_MODE";
    public static final String MODE_PREFIX = "CMK_GUARD_MODE_";
    public static final String KMS_KEY_ID = "CMK_GUARD_KMS_KEY_ID";
    public static final String KMS_KEY_BY_COMPARTMENT = "CMK_GUARD_KMS_KEY_BY_COMPARTMENT";
    public static final String TOPIC_ID = "CMK_GUARD_TOPIC_ID";
    public static final String ALLOWED_KEY_IDS = PolicySettings.ALLOWED_KEY_IDS;
    public static final String ALLOWED_VAULT_IDS = PolicySettings.ALLOWED_VAULT_IDS;
    public static final String REQUIRE_HSM = PolicySettings.REQUIRE_HSM;
    public static final String EXEMPT_TAG = "CMK_GUARD_EXEMPT_TAG";
    public static final String REGION = "CMK_GUARD_REGION";
    public static final String OCI_ENDPOINT = "CMK_GUARD_OCI_ENDPOINT";
    public static final String AUTH = "CMK_GUARD_AUTH";
    public static final String KEY_CACHE_SECONDS = "CMK_GUARD_KEY_CACHE_SECONDS";
    public static final String RETRY_ATTEMPTS = "CMK_GUARD_RETRY_ATTEMPTS";
    public static final String TIMEOUT_SECONDS = "CMK_GUARD_OCI_TIMEOUT_SECONDS";
    public static final String CONSOLE_URL = "CMK_GUARD_CONSOLE_URL";
    public static final String DEDUP_SECONDS = "CMK_GUARD_DEDUP_SECONDS";
    public static final String EXTERNAL_KEY_PROVIDERS = PolicySettings.EXTERNAL_KEY_PROVIDERS;
    public static final String FUNCTION_TIMEOUT_SECONDS = "CMK_GUARD_FUNCTION_TIMEOUT_SECONDS";

    /** func.yaml's timeout; OCI Functions allows at most 300 s. */
    public static final int DEFAULT_FUNCTION_TIMEOUT_SECONDS = 120;
    /** The longest pause between two attempts of one OCI call (see OciClients' backoff). */
    public static final int MAX_BACKOFF_SECONDS = 2;
    public static final String SWEEP_DEADLINE_SECONDS = "CMK_GUARD_SWEEP_DEADLINE_SECONDS";
    public static final String SWEEP_CONCURRENCY = "CMK_GUARD_SWEEP_CONCURRENCY";
    public static final String SWEEP_MAX_REMEDIATIONS = "CMK_GUARD_SWEEP_MAX_REMEDIATIONS";
    public static final String SWEEP_MAX_WRITE_FAILURES = "CMK_GUARD_SWEEP_MAX_WRITE_FAILURES";
    /** Resources one sweep invocation takes before it answers a continuation (its memory's bound). */
    public static final String SWEEP_MAX_PER_INVOCATION = "CMK_GUARD_SWEEP_MAX_RESOURCES_PER_INVOCATION";
    public static final String WATCH_COMPARTMENT_ID = "CMK_GUARD_WATCH_COMPARTMENT_ID";
    public static final String WATCH_UNUSED_KEY = "CMK_GUARD_WATCH_UNUSED_KEY";
    public static final String CONTINUATION_KEY = "CMK_GUARD_CONTINUATION_KEY";
    public static final String CONTINUATION_KEY_PREVIOUS = "CMK_GUARD_CONTINUATION_KEY_PREVIOUS";
    /** After a bucket is put on the key, also start the re-encryption of the objects written before (a work request). */
    public static final String REENCRYPT_BUCKETS = "CMK_GUARD_REENCRYPT_BUCKETS";
    /** How old a Vault key's current version may be before a sweep reports it (CIS OCI 3.16 / 4.16: a year). */
    public static final String KEY_MAX_AGE_DAYS = RotationPolicy.KEY_MAX_AGE_DAYS;
    public static final int DEFAULT_KEY_MAX_AGE_DAYS = 365;
    /** The bucket a sweep keeps its report in (parts, then the whole in JSON, CSV and HTML); unset = no report kept. */
    public static final String REPORT_BUCKET = SweepChainSettings.REPORT_BUCKET;
    /** Whether a sweep cut by its deadline invokes its own function (detached) to go on. */
    public static final String SWEEP_SELF_CONTINUE = SweepChainSettings.SELF_CONTINUE;
    /** The most invocations one self-continuing sweep may take. */
    public static final String SWEEP_MAX_INVOCATIONS = SweepChainSettings.MAX_INVOCATIONS;
    /** Where posture metrics are posted (OCI Monitoring, namespace cmk_guard); unset, none are. */
    public static final String METRICS_COMPARTMENT = "CMK_GUARD_METRICS_COMPARTMENT";

    /** Key providers outside OCI Vault that databases can use (Oracle Database@AWS, @Azure, @Google, OKV). */
    public static final Set<String> KNOWN_EXTERNAL_PROVIDERS = Set.of("AWS", "AZURE", "GCP", "OKV", "EXTERNAL");

    /** Set by OCI Functions; its presence selects resource-principal auth by default. */
    public static final String RP_VERSION = Auth.RP_VERSION;
    public static final String RP_REGION = Auth.RP_REGION;

    /** Every CMK_GUARD_* key this version understands (per-type mode keys are derived from the registry). */
    public static final List<String> KEYS = List.of(MODE, KMS_KEY_ID, KMS_KEY_BY_COMPARTMENT, TOPIC_ID,
            ALLOWED_KEY_IDS, ALLOWED_VAULT_IDS, REQUIRE_HSM, EXEMPT_TAG, REGION, OCI_ENDPOINT, AUTH,
            KEY_CACHE_SECONDS, RETRY_ATTEMPTS, TIMEOUT_SECONDS, DEDUP_SECONDS, EXTERNAL_KEY_PROVIDERS, CONSOLE_URL,
            FUNCTION_TIMEOUT_SECONDS, SWEEP_DEADLINE_SECONDS, SWEEP_CONCURRENCY, SWEEP_MAX_REMEDIATIONS,
            SWEEP_MAX_WRITE_FAILURES, WATCH_COMPARTMENT_ID, WATCH_UNUSED_KEY, CONTINUATION_KEY,
            CONTINUATION_KEY_PREVIOUS, REENCRYPT_BUCKETS, KEY_MAX_AGE_DAYS, REPORT_BUCKET, SWEEP_SELF_CONTINUE,
            SWEEP_MAX_INVOCATIONS, METRICS_COMPARTMENT, SWEEP_MAX_PER_INVOCATION);

    public static final String DEFAULT_EXEMPT_TAG = "cmk-guard-exempt";

    /** What the policy reads. */
    public PolicySettings policy() {
        return new PolicySettings(allowedKeyIds, allowedVaultIds, requireHsm, exemptTag, externalKeyProviders);
    }

    /** The mode that applies to one resource type. */
    public Mode modeFor(String resourceType) {
        return modes().modeFor(resourceType);
    }

    /** What deciding a mode reads: the function's mode and the per-type ones. */
    public Modes modes() {
        return new Modes(mode, modeByResourceType);
    }

    /** What remediation reads. */
    public RemediationSettings remediation() {
        return new RemediationSettings(remediationKeyId, remediationKeyByCompartment, retryAttempts, reencryptBuckets);
    }

    /** The key remediation assigns to a resource in this compartment, if any. */
    public Optional<String> remediationKeyFor(String compartmentId) {
        return remediation().keyFor(compartmentId);
    }

    /** The per-resource-type mode key, e.g. CMK_GUARD_MODE_BLOCK_VOLUME for block-volume. */
    public static String modeKeyFor(String resourceType) {
        return MODE_PREFIX + resourceType.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The per-resource-type mode keys of these types, e.g. CMK_GUARD_MODE_BLOCK_VOLUME. */
    public static List<String> modeKeys(List<String> resourceTypes) {
        return resourceTypes.stream().map(GuardConfig::modeKeyFor).toList();
    }

    /**
     * Reads every key, reporting all problems at once.
     *
     * @param resourceTypes the names of the resource types a mode can be set for (the registry's checked types)
     */
    public static GuardConfig fromEnv(Map<String, String> env, List<String> resourceTypes) {
        return new Reader(env, resourceTypes).read();
    }

    /**
     * The auth mode the configuration asks for, read leniently so the signer can be checked even when
     * other keys are wrong; empty when CMK_GUARD_AUTH names no mode (fromEnv reports that).
     */
    public static Optional<AuthMode> authModeOf(Map<String, String> env) {
        String value = Optional.ofNullable(env.get(AUTH)).map(String::trim).orElse("");
        if (value.isEmpty()) {
            String rp = env.get(RP_VERSION);
            return Optional.of(rp == null || rp.isBlank() ? AuthMode.CONFIG_FILE : AuthMode.RESOURCE_PRINCIPAL);
        }
        return switch (value.toLowerCase(Locale.ROOT).replace('-', '_')) {
            case "resource_principal" -> Optional.of(AuthMode.RESOURCE_PRINCIPAL);
            case "config_file" -> Optional.of(AuthMode.CONFIG_FILE);
            default -> Optional.empty();
        };
    }

    /** Collects every problem while reading, so the operator fixes them all in one go. */
    private static final class Reader {
        private final Map<String, String> env;
        private final List<String> resourceTypes;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> env, List<String> resourceTypes) {
            this.env = env;
            this.resourceTypes = List.copyOf(resourceTypes);
        }

        GuardConfig read() {
            rejectUnknownKeys();
            Mode mode = mode(MODE, Mode.NOTIFY);
            Map<String, Mode> byType = new LinkedHashMap<>();
            for (String type : resourceTypes) {
                String key = modeKeyFor(type);
                if (present(key)) {
                    byType.put(type, mode(key, mode));
                }
            }
            Optional<String> keyId = ocid(KMS_KEY_ID, "key");
            Map<String, String> keyByCompartment = compartmentKeys();
            Optional<String> topicId = ocid(TOPIC_ID, "onstopic");
            Set<String> allowedKeys = ocidList(ALLOWED_KEY_IDS, "key");
            Set<String> allowedVaults = ocidList(ALLOWED_VAULT_IDS, "vault");
            boolean requireHsm = bool(REQUIRE_HSM, false);
            String exemptTag = text(EXEMPT_TAG).orElse(DEFAULT_EXEMPT_TAG);
            Optional<String> region = text(REGION).or(() -> text(RP_REGION));
            Optional<URI> endpoint = endpoint();
            AuthMode auth = auth();
            if (region.isPresent() && endpoint.isEmpty() && RegionCheck.realRegionId(region.get()).isEmpty()) {
                problems.add(RegionCheck.notARegion(region.get()));
            }
            Duration cacheTtl = Duration.ofSeconds(integer(KEY_CACHE_SECONDS, 300, 0, 86_400));
            int retries = integer(RETRY_ATTEMPTS, 3, 1, 10);
            Duration timeout = Duration.ofSeconds(integer(TIMEOUT_SECONDS, 10, 1, 120));
            Duration dedup = Duration.ofSeconds(integer(DEDUP_SECONDS, 900, 0, 86_400));
            Set<String> external = externalProviders();
            String console = consoleUrl();
            Duration functionTimeout = Duration.ofSeconds(integer(FUNCTION_TIMEOUT_SECONDS,
                    DEFAULT_FUNCTION_TIMEOUT_SECONDS, 5, 300));
            long worstCall = (long) retries * timeout.toSeconds() + (long) (retries - 1) * MAX_BACKOFF_SECONDS;
            if (worstCall >= functionTimeout.toSeconds()) {
                problems.add(RETRY_ATTEMPTS + " × " + TIMEOUT_SECONDS + " (" + retries + " × " + timeout.toSeconds()
                        + " s, plus up to " + MAX_BACKOFF_SECONDS + " s between attempts = " + worstCall
                        + " s) does not fit in " + FUNCTION_TIMEOUT_SECONDS + " (" + functionTimeout.toSeconds()
                        + " s, func.yaml's timeout): one slow OCI call could outlive the function, which is then"
                        + " killed without an answer. Lower the attempts or the timeout");
            }
            // a sweep stops taking resources safely before the function is killed: a quarter of the timeout
            // (at least 10 s) is left to finish the checks in flight and answer the continuation
            long sweepDeadlineDefault = functionTimeout.toSeconds() - Math.max(10, functionTimeout.toSeconds() / 4);
            SweepLimits sweep = new SweepLimits(Duration.ofSeconds(integer(SWEEP_DEADLINE_SECONDS,
                    (int) Math.max(1, sweepDeadlineDefault), 1, 86_400)),
                    integer(SWEEP_CONCURRENCY, 4, 1, 32), integer(SWEEP_MAX_REMEDIATIONS, 25, 0, 100_000),
                    integer(SWEEP_MAX_WRITE_FAILURES, 3, 1, 1_000),
                    integer(SWEEP_MAX_PER_INVOCATION, SweepLimits.DEFAULT_MAX_PER_INVOCATION, 100, 1_000_000));
            WatchSettings watch = new WatchSettings(watchScope(), unusedKeyNote());
            ContinuationSecret continuationSecret = continuationSecret();
            boolean reencryptBuckets = bool(REENCRYPT_BUCKETS, false);
            int keyMaxAge = integer(KEY_MAX_AGE_DAYS, DEFAULT_KEY_MAX_AGE_DAYS, 1, 3_650);
            SweepChainSettings chain = new SweepChainSettings(reportBucket(), bool(SWEEP_SELF_CONTINUE, true),
                    integer(SWEEP_MAX_INVOCATIONS, SweepChainSettings.DEFAULT_MAX_INVOCATIONS, 1, 1_000));
            Optional<String> metricsCompartment = metricsCompartment();

            Set<Mode> modes = new LinkedHashSet<>(byType.values());
            modes.add(mode);
            if (modes.contains(Mode.REMEDIATE) && keyId.isEmpty() && keyByCompartment.isEmpty()) {
                problems.add(KMS_KEY_ID + " is required when a mode is 'remediate': it names the Vault key"
                        + " that remediation assigns (ocid1.key...)");
            }
            boolean notifies = modes.contains(Mode.NOTIFY) || modes.contains(Mode.REMEDIATE);
            if (notifies && topicId.isEmpty()) {
                problems.add(TOPIC_ID + " is required when a mode is 'notify' or 'remediate': it names the"
                        + " Notifications topic findings are published to (ocid1.onstopic...)."
                        + " Set " + MODE + "=audit to only log findings");
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new GuardConfig(mode, Map.copyOf(byType), keyId, Map.copyOf(keyByCompartment), topicId,
                    allowedKeys, allowedVaults, requireHsm, exemptTag, region, endpoint, auth, cacheTtl,
                    retries, timeout, dedup, external, console, functionTimeout, sweep, watch, continuationSecret,
                    reencryptBuckets, keyMaxAge, chain, metricsCompartment);
        }

        /** The continuation signing keys; a problem names the key and its length, never its value. */
        private ContinuationSecret continuationSecret() {
            Optional<String> current = secret(CONTINUATION_KEY);
            Optional<String> previous = secret(CONTINUATION_KEY_PREVIOUS);
            if (previous.isPresent() && current.isEmpty()) {
                problems.add(CONTINUATION_KEY_PREVIOUS + " is set without " + CONTINUATION_KEY + ": the previous key"
                        + " only verifies tokens; set the new key in " + CONTINUATION_KEY);
            }
            return new ContinuationSecret(current, previous);
        }

        private Optional<String> secret(String key) {
            Optional<String> value = text(key);
            if (value.isPresent() && value.get().length() < ContinuationSecret.MIN_CHARS) {
                problems.add(key + " is " + value.get().length() + " characters long; use at least "
                        + ContinuationSecret.MIN_CHARS + " random characters (e.g. openssl rand -base64 32)");
                return Optional.empty();
            }
            return value;
        }

        private void rejectUnknownKeys() {
            Set<String> known = new TreeSet<>(KEYS);
            known.addAll(modeKeys(resourceTypes));
            for (String key : new TreeSet<>(env.keySet())) {
                if (key.startsWith("CMK_GUARD_") && !known.contains(key)) {
                    problems.add("unknown key " + key + closest(key, known)
                            + " (known keys: " + String.join(", ", known) + ")");
                }
            }
        }

        private static String closest(String key, Set<String> known) {
            String best = null;
            int bestDistance = 4;
            for (String candidate : known) {
                int d = Strings.editDistance(key, candidate);
                if (d < bestDistance) {
                    best = candidate;
                    bestDistance = d;
                }
            }
            return best == null ? "" : " (did you mean " + best + "?)";
        }

        private boolean present(String key) {
            return text(key).isPresent();
        }

        private Optional<String> text(String key) {
            String value = env.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        private Mode mode(String key, Mode fallback) {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return fallback;
            }
            Optional<Mode> mode = Mode.parse(value.get());
            if (mode.isEmpty()) {
                problems.add(key + "='" + Strings.shown(value.get()) + "' is not a mode: use audit, notify or remediate");
                return fallback;
            }
            return mode.get();
        }

        private Optional<String> ocid(String key, String kind) {
            Optional<String> value = text(key);
            if (value.isPresent() && !isOcidOf(value.get(), kind)) {
                problems.add(key + "='" + Strings.shown(value.get()) + "' is not an OCID of kind '" + kind
                        + "' (expected ocid1." + kind + ".oc1...)");
                return Optional.empty();
            }
            return value;
        }

        /** A bucket name as Object Storage allows it: letters, digits, '-', '_' and '.', at most 256. */
        private Optional<String> reportBucket() {
            Optional<String> value = text(REPORT_BUCKET);
            if (value.isPresent() && !SweepChainSettings.isBucketName(value.get())) {
                problems.add(REPORT_BUCKET + "='" + Strings.shown(value.get()) + "' is not a bucket name: use the"
                        + " name of a bucket in the function's region (letters, digits, '-', '_' and '.')");
                return Optional.empty();
            }
            return value;
        }

        /** A compartment or the tenancy (the root compartment). */
        private Optional<String> watchScope() {
            Optional<String> value = text(WATCH_COMPARTMENT_ID);
            if (value.isPresent() && !isOcidOf(value.get(), "compartment") && !isOcidOf(value.get(), "tenancy")) {
                problems.add(WATCH_COMPARTMENT_ID + "='" + value.get() + "' is not a compartment or tenancy OCID"
                        + " (expected ocid1.compartment.oc1... or ocid1.tenancy.oc1...)");
                return Optional.empty();
            }
            return value;
        }

        /** The compartment (or the tenancy) posture metrics are posted to. */
        private Optional<String> metricsCompartment() {
            Optional<String> value = text(METRICS_COMPARTMENT);
            if (value.isPresent() && !isOcidOf(value.get(), "compartment") && !isOcidOf(value.get(), "tenancy")) {
                problems.add(METRICS_COMPARTMENT + "='" + Strings.shown(value.get()) + "' is not a compartment or"
                        + " tenancy OCID (expected ocid1.compartment.oc1... or ocid1.tenancy.oc1...): it names where"
                        + " posture metrics are posted; leave it empty to post none");
                return Optional.empty();
            }
            return value;
        }

        /** note (default): a key nothing uses gets a low-severity note; none: only the result says so. */
        private boolean unusedKeyNote() {
            Optional<String> value = text(WATCH_UNUSED_KEY);
            if (value.isEmpty()) {
                return true;
            }
            switch (value.get().toLowerCase(Locale.ROOT)) {
                case "note" -> { return true; }
                case "none" -> { return false; }
                default -> {
                    problems.add(WATCH_UNUSED_KEY + "='" + value.get() + "' is not one of: note, none");
                    return true;
                }
            }
        }

        private Set<String> ocidList(String key, String kind) {
            Set<String> ids = new LinkedHashSet<>();
            for (String item : list(key)) {
                if (isOcidOf(item, kind)) {
                    ids.add(item);
                } else {
                    problems.add(key + " entry '" + Strings.shown(item) + "' is not an OCID of kind '" + kind + "'");
                }
            }
            return Set.copyOf(ids);
        }

        private List<String> list(String key) {
            return text(key).map(v -> Arrays.stream(v.split(","))
                    .map(String::trim).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
        }

        private Map<String, String> compartmentKeys() {
            Map<String, String> map = new LinkedHashMap<>();
            for (String pair : list(KMS_KEY_BY_COMPARTMENT)) {
                int eq = pair.indexOf('=');
                String compartment = eq < 0 ? pair : pair.substring(0, eq).trim();
                String key = eq < 0 ? "" : pair.substring(eq + 1).trim();
                if (eq < 0 || !(isOcidOf(compartment, "compartment") || isOcidOf(compartment, "tenancy"))
                        || !isOcidOf(key, "key")) {
                    problems.add(KMS_KEY_BY_COMPARTMENT + " entry '" + Strings.shown(pair)
                            + "' must be compartmentOcid=keyOcid (ocid1.compartment...=ocid1.key...)");
                } else {
                    map.put(compartment, key);
                }
            }
            return map;
        }

        private Set<String> externalProviders() {
            if (text(EXTERNAL_KEY_PROVIDERS).isEmpty()) {
                return KNOWN_EXTERNAL_PROVIDERS;
            }
            Set<String> providers = new LinkedHashSet<>();
            for (String item : list(EXTERNAL_KEY_PROVIDERS)) {
                String p = item.toUpperCase(Locale.ROOT);
                if (p.equals("NONE")) {
                    continue;
                }
                if (KNOWN_EXTERNAL_PROVIDERS.contains(p)) {
                    providers.add(p);
                } else {
                    problems.add(EXTERNAL_KEY_PROVIDERS + " entry '" + Strings.shown(item) + "' is not a provider: use "
                            + String.join(", ", new TreeSet<>(KNOWN_EXTERNAL_PROVIDERS)) + " or none");
                }
            }
            return Set.copyOf(providers);
        }

        private boolean bool(String key, boolean fallback) {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return fallback;
            }
            switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> { return true; }
                case "false", "no", "0" -> { return false; }
                default -> {
                    problems.add(key + "='" + Strings.shown(value.get()) + "' is not a boolean: use true or false");
                    return fallback;
                }
            }
        }

        private int integer(String key, int fallback, int min, int max) {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value.get());
                if (n < min || n > max) {
                    problems.add(key + "=" + n + " is out of range " + min + ".." + max);
                    return fallback;
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(key + "='" + Strings.shown(value.get()) + "' is not a whole number");
                return fallback;
            }
        }

        private String consoleUrl() {
            Optional<String> value = text(CONSOLE_URL);
            if (value.isEmpty()) {
                return "https://cloud.oracle.com";
            }
            try {
                URI uri = URI.create(value.get());
                if ("https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
                    return value.get().replaceAll("/+$", "");
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            problems.add(CONSOLE_URL + "='" + Strings.shown(value.get()) + "' is not an https URL: findings link people"
                    + " to it (e.g. https://cloud.oracle.com)");
            return "https://cloud.oracle.com";
        }

        private Optional<URI> endpoint() {

            Optional<String> value = text(OCI_ENDPOINT);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                URI uri = URI.create(value.get());
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && uri.getUserInfo() == null) {
                    return Optional.of(uri);
                }
            } catch (IllegalArgumentException ignored) {
                // reported below
            }
            String shownValue = value.get().contains("@") ? "(not shown: it seems to carry credentials)"
                    : "'" + Strings.shown(value.get()) + "'";
            problems.add(OCI_ENDPOINT + "=" + shownValue + " is not an http(s) URL without credentials"
                    + " (scheme://host[:port])");
            return Optional.empty();
        }

        private AuthMode auth() {
            Optional<String> value = text(AUTH);
            if (value.isEmpty()) {
                return present(RP_VERSION) ? AuthMode.RESOURCE_PRINCIPAL : AuthMode.CONFIG_FILE;
            }
            switch (value.get().toLowerCase(Locale.ROOT).replace('-', '_')) {
                case "resource_principal" -> {
                    if (!present(RP_VERSION)) {
                        problems.add(AUTH + "=resource_principal but " + RP_VERSION
                                + " is not set: OCI Functions sets it; elsewhere use config_file");
                    }
                    return AuthMode.RESOURCE_PRINCIPAL;
                }
                case "config_file" -> { return AuthMode.CONFIG_FILE; }
                default -> {
                    problems.add(AUTH + "='" + Strings.shown(value.get()) + "' is not an auth mode: use resource_principal"
                            + " or config_file");
                    return AuthMode.CONFIG_FILE;
                }
            }
        }

        private static boolean isOcidOf(String value, String kind) {
            return Ocid.parse(value).map(o -> o.kind().equals(kind)).orElse(false);
        }
    }
}
