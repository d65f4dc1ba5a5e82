package io.cmkguard.guard;

import io.cmkguard.app.CmkGuard;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.LeakScan;
import io.cmkguard.TestFiles;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.emulator.World;
import io.cmkguard.oci.Auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo world served by the emulator, and cmk-guard wired to it through the real SDK clients
 * (request-signed with a throwaway key the emulator trusts).
 */
final class EmulatedTenancy implements AutoCloseable {
    static final String KEY_HSM = "ocid1.key.oc1.iad.emuvault1.keyhsm";
    static final String TOPIC = "ocid1.onstopic.oc1.iad.findings";
    private static final ObjectMapper JSON = new ObjectMapper();

    final OciEmulator emulator;
    final Path configFile;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private CmkGuard guard;

    EmulatedTenancy() {
        this(OciEmulator.demoWorld(), EmulatorOptions.trusting());
    }

    EmulatedTenancy(World world) {
        this(world, EmulatorOptions.trusting());
    }

    /** Another world (e.g. the demo world with a key disabled), with the given emulator options. */
    EmulatedTenancy(World world, EmulatorOptions options) {
        SigningKeys keys = SigningKeys.generate();
        LeakScan.secret(keys);
        try {
            Path dir = Files.createTempDirectory("cmk-guard-it");
            configFile = keys.writeOciConfig(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        emulator = OciEmulator.start(world, options.alsoTrusting(keys.publicKey()));
    }

    /** Starts cmk-guard with the emulator wiring plus the given config (mode, key, topic...). */
    EmulatedTenancy guard(Map<String, String> config) {
        if (guard != null) {
            guard.close();
        }
        guard = another(config);
        return this;
    }

    /** One more function instance against the same emulator, logging to the same log (the caller closes it). */
    CmkGuard another(Map<String, String> config) {
        return another(config, Clock.systemUTC());
    }

    /** The same with a given clock (a rule about ages, judged on a fixed day). */
    CmkGuard another(Map<String, String> config, Clock clock) {
        Map<String, String> env = new HashMap<>(Map.of(
                GuardConfig.OCI_ENDPOINT, emulator.baseUrl(),
                GuardConfig.AUTH, "config_file",
                Auth.CONFIG_FILE, configFile.toString(),
                GuardConfig.REGION, "us-ashburn-1",
                GuardConfig.RETRY_ATTEMPTS, "2",
                GuardConfig.TOPIC_ID, TOPIC));
        env.putAll(config);
        return CmkGuard.start(env, new PrintStream(log, true, StandardCharsets.UTF_8), clock);
    }

    JsonNode send(String sampleFile) {
        return sendBody(TestFiles.read(TestFiles.sample(sampleFile)));
    }

    JsonNode sendBody(String body) {
        return answer(guard, body);
    }

    static JsonNode answer(CmkGuard instance, String body) {
        try {
            String answer = instance.handle(body);
            LeakScan.said("a result", answer);
            return JSON.readTree(answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<RecordedRequest> writes() {
        return emulator.requests().stream().filter(r -> !r.method().equals("GET")
                && !r.path().endsWith("/messages")).toList();
    }

    /** The resource's current state in the emulator. */
    JsonNode stateOf(String collection, String id) {
        for (JsonNode r : emulator.dump().path(collection)) {
            if (r.path("id").asText().equals(id)) {
                return r;
            }
        }
        throw new AssertionError(id + " not in " + collection);
    }

    String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (guard != null) {
            guard.close();
        }
        LeakScan.said("the function log", logText());
        emulator.messages().forEach(m -> LeakScan.said("a notification", m.toString()));
        emulator.close();
    }
}
