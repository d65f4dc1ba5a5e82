package io.cmkguard.fn;

import io.cmkguard.LeakScan;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.SigningKeys;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The emulator serving the demo world, trusting a throwaway API signing key whose OCI config file the
 * function is pointed at. The function gets only strings (config): FnTestingRule loads it in its own
 * class loader, so no object can be shared with it.
 */
final class DemoTenancy implements AutoCloseable {
    static final String KEY_HSM = "ocid1.key.oc1.iad.emuvault1.keyhsm";
    static final String TOPIC = "ocid1.onstopic.oc1.iad.findings";

    final OciEmulator emulator;
    final Path ociConfigFile;

    /** @param dir where the throwaway key and config are written (a test's temporary folder) */
    DemoTenancy(Path dir) {
        SigningKeys keys = SigningKeys.generate();
        LeakScan.secret(keys);
        ociConfigFile = keys.writeOciConfig(dir);
        emulator = OciEmulator.start(OciEmulator.demoWorld(), EmulatorOptions.trusting(keys.publicKey()));
    }

    /** How a local function reaches the emulator: endpoint, config-file auth, region, quick retries. */
    Map<String, String> wiring() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("CMK_GUARD_OCI_ENDPOINT", emulator.baseUrl());
        config.put("CMK_GUARD_AUTH", "config_file");
        config.put("OCI_CONFIG_FILE", ociConfigFile.toString());
        config.put("CMK_GUARD_REGION", "us-ashburn-1");
        config.put("CMK_GUARD_RETRY_ATTEMPTS", "2");
        return config;
    }

    /** Wiring plus a mode, the findings topic and (for remediate) the HSM key. */
    Map<String, String> config(String mode) {
        Map<String, String> config = wiring();
        config.put("CMK_GUARD_MODE", mode);
        config.put("CMK_GUARD_TOPIC_ID", TOPIC);
        if (mode.equals("remediate")) {
            config.put("CMK_GUARD_KMS_KEY_ID", KEY_HSM);
        }
        return config;
    }

    List<RecordedRequest> requests() {
        return emulator.requests();
    }

    /** The kmsKeyId the emulator holds now for a volume (null when Oracle-managed). */
    String volumeKey(String volumeId) {
        for (var volume : emulator.dump().path("volumes")) {
            if (volume.path("id").asText().equals(volumeId)) {
                return volume.hasNonNull("kmsKeyId") && !volume.get("kmsKeyId").asText().isEmpty()
                        ? volume.get("kmsKeyId").asText() : null;
            }
        }
        throw new AssertionError("no volume " + volumeId + " in the emulator's dump");
    }

    @Override
    public void close() {
        emulator.messages().forEach(m -> LeakScan.said("a notification", m.toString()));
        emulator.close();
    }
}
