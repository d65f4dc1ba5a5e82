package io.cmkguard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.emulator.World;
import io.cmkguard.app.CmkGuard;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How long the key-health watch takes to find a disabled key's blast radius: a generated world whose one
 * key protects every customer-managed resource, an added latency per request, one disablekey event through
 * the real SDK clients. Prints wall time, requests, resources found, and whether it finished within the
 * deadline. Figures only: nothing is asserted. Usage:
 * {@code KeyWatchBench [--per-type N] [--latency-ms N] [--deadline-seconds N]}.
 */
public final class KeyWatchBench {

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        int perType = intArg(a, "--per-type", 20);
        int latencyMs = intArg(a, "--latency-ms", 20);
        int deadline = intArg(a, "--deadline-seconds", 20);

        GeneratedWorld generated = GeneratedWorld.generate(2, 3, perType, 1);
        ObjectNode json = generated.world().toJson();
        json.path("keys").forEach(k -> ((ObjectNode) k).put("lifecycleState", "DISABLED"));
        SigningKeys keys = SigningKeys.generate();
        Path configFile = keys.writeOciConfig(Files.createTempDirectory("keywatch-bench"));
        EmulatorOptions options = EmulatorOptions.trusting(keys.publicKey()).withLatency(Duration.ofMillis(latencyMs));
        try (OciEmulator emulator = OciEmulator.start(World.parse(json.toString()), options)) {
            Map<String, String> env = Map.of(
                    "CMK_GUARD_OCI_ENDPOINT", emulator.baseUrl(), "CMK_GUARD_AUTH", "config_file",
                    "OCI_CONFIG_FILE", configFile.toString(), "CMK_GUARD_REGION", "us-ashburn-1",
                    "CMK_GUARD_MODE", "audit", "CMK_GUARD_SWEEP_DEADLINE_SECONDS", Integer.toString(deadline));
            String event = new ObjectMapper().createObjectNode()
                    .put("eventType", "com.oraclecloud.keymanagementservice.disablekey.end")
                    .put("eventID", "bench").put("source", "KeyManagementService")
                    .set("data", new ObjectMapper().createObjectNode()
                            .put("compartmentId", GeneratedWorld.TENANCY).put("resourceId", GeneratedWorld.KEY))
                    .toString();
            JsonNode result;
            long started = System.nanoTime();
            try (CmkGuard guard = CmkGuard.start(env, new PrintStream(OutputStream.nullOutputStream()),
                    Clock.systemUTC())) {
                result = new ObjectMapper().readTree(guard.handle(event));
            }
            double wallSeconds = (System.nanoTime() - started) / 1e9;

            ObjectNode figures = new ObjectMapper().createObjectNode();
            figures.put("liveResources", generated.liveCount());
            figures.put("compartments", generated.compartments().size());
            figures.put("latencyMs", latencyMs);
            figures.put("deadlineSeconds", deadline);
            figures.put("verdict", result.path("verdict").asText());
            figures.put("affectedResources", result.path("items").size());
            figures.put("finished", result.path("error").isNull());
            figures.put("requests", emulator.requests().size());
            figures.put("wallSeconds", Math.round(wallSeconds * 1000) / 1000.0);
            System.out.println(figures.toPrettyString());
        }
    }

    private static int intArg(List<String> a, String name, int fallback) {
        int i = a.indexOf(name);
        return i >= 0 && i + 1 < a.size() ? Integer.parseInt(a.get(i + 1)) : fallback;
    }
}
