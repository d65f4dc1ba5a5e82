package io.cmkguard.guard;

import io.cmkguard.app.CmkGuard;
import io.cmkguard.LeakScan;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration is checked against reality when the function starts, every problem at once, and start never throws. */
class StartupChecksTest {
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    private List<String> problemsOf(Map<String, String> env) {
        try (CmkGuard guard = CmkGuard.start(env, new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC())) {
            if (!guard.configProblems().isEmpty()) {
                String answer = guard.handle("{}");
                assertTrue(answer.contains("\"InvalidConfiguration\""), answer);
            }
            LeakScan.said("start-up problems", String.join("\n", guard.configProblems()));
            LeakScan.said("the function log", log.toString(StandardCharsets.UTF_8));
            return guard.configProblems();
        }
    }

    @Test
    void everyProblemWithRealityIsReportedTogether(@TempDir Path dir) {
        List<String> problems = problemsOf(Map.of(
                "OCI_CONFIG_FILE", dir.resolve("no-such-config").toString(),
                GuardConfig.REGION, "moon-base-1",
                GuardConfig.CONSOLE_URL, "http://cloud.oracle.com",
                GuardConfig.RETRY_ATTEMPTS, "10",
                GuardConfig.TIMEOUT_SECONDS, "60",
                GuardConfig.MODE, "audit"));
        String all = String.join("\n", problems);
        assertTrue(all.contains("OCI config file") && all.contains("does not exist or cannot be read"), all);
        assertTrue(all.contains("'moon-base-1'") && all.contains("is not an OCI region"), all);
        assertTrue(all.contains("CMK_GUARD_CONSOLE_URL='http://cloud.oracle.com' is not an https URL"), all);
        assertTrue(all.contains("CMK_GUARD_RETRY_ATTEMPTS × CMK_GUARD_OCI_TIMEOUT_SECONDS (10 × 60 s"), all);
        assertEquals(4, problems.size(), all);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("cmk-guard.config-error"));
    }

    @Test
    void aRemediationKeyInAnotherRegionIsRefusedGlobalOrPerCompartment(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(validFileAuth(dir));
        env.put(GuardConfig.MODE, "remediate");
        env.put(GuardConfig.TOPIC_ID, "ocid1.onstopic.oc1.iad.findings");
        env.put(GuardConfig.KMS_KEY_ID, "ocid1.key.oc1.phx.vault1.key1");
        env.put(GuardConfig.KMS_KEY_BY_COMPARTMENT, "ocid1.compartment.oc1..dev=ocid1.key.oc1.fra.vault2.key2,"
                + "ocid1.compartment.oc1..ok=ocid1.key.oc1.iad.vault3.key3");
        String all = String.join("\n", problemsOf(env));
        assertTrue(all.contains("CMK_GUARD_KMS_KEY_ID names a key in us-phoenix-1 but the function runs in us-ashburn-1"), all);
        assertTrue(all.contains("(for ocid1.compartment.oc1..dev) names a key in eu-frankfurt-1"), all);
        assertFalse(all.contains("ocid1.compartment.oc1..ok"), all);
    }

    @Test
    void aRegionTheSdkDoesNotKnowIsFineBehindAnEndpointOverride(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(validFileAuth(dir));
        env.put(GuardConfig.REGION, "emulated-local-1");
        env.put(GuardConfig.OCI_ENDPOINT, "http://127.0.0.1:9");
        env.put(GuardConfig.MODE, "audit");
        assertEquals(List.of(), problemsOf(env));
    }

    @Test
    void theDefaultRetriesFitTheDefaultFunctionTimeoutAndALongerFunctionTimeoutAllowsMore(@TempDir Path dir) {
        Map<String, String> env = new HashMap<>(validFileAuth(dir));
        env.put(GuardConfig.MODE, "audit");
        assertEquals(List.of(), problemsOf(env));
        env.put(GuardConfig.RETRY_ATTEMPTS, "5");
        env.put(GuardConfig.TIMEOUT_SECONDS, "30");
        assertEquals(1, problemsOf(env).size());
        env.put(GuardConfig.FUNCTION_TIMEOUT_SECONDS, "300");
        assertEquals(List.of(), problemsOf(env));
    }

    @Test
    void anUnsupportedResourcePrincipalVersionIsListed() {
        String all = String.join("\n", problemsOf(Map.of(GuardConfig.RP_VERSION, "9.9",
                GuardConfig.RP_REGION, "us-ashburn-1", GuardConfig.MODE, "audit")));
        assertTrue(all.contains("OCI_RESOURCE_PRINCIPAL_VERSION='9.9' is not a resource-principal version"), all);
    }

    @Test
    void aBrokenResourcePrincipalNamesItsKeysButNeverTheirValues() {
        String passphrase = "correct-horse-battery-staple";
        String keyMaterial = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7secretkeymaterial";
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJyZXNfdGVuYW50Ijoic2VjcmV0In0.c2lnbmF0dXJl";
        LeakScan.token(token);
        LeakScan.secret(passphrase);
        LeakScan.secret(keyMaterial);
        List<String> problems = problemsOf(Map.of(GuardConfig.RP_VERSION, "2.2",
                GuardConfig.RP_REGION, "us-ashburn-1", GuardConfig.MODE, "audit",
                "OCI_RESOURCE_PRINCIPAL_RPST", token,
                "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM", "-----BEGIN PRIVATE KEY-----\n" + keyMaterial + "\n-----END PRIVATE KEY-----",
                "OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM_PASSPHRASE", passphrase));
        String said = String.join("\n", problems) + log.toString(StandardCharsets.UTF_8);
        assertFalse(problems.isEmpty());
        assertTrue(said.contains("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM"), said);
        for (String secret : List.of(passphrase, keyMaterial, token, token.split("\\.")[1], "BEGIN PRIVATE KEY")) {
            assertFalse(said.contains(secret), "leaked " + secret + " in:\n" + said);
        }
    }

    private static Map<String, String> validFileAuth(Path dir) {
        SigningKeys keys = SigningKeys.generate();
        LeakScan.secret(keys);
        return Map.of("OCI_CONFIG_FILE", keys.writeOciConfig(dir).toString(),
                GuardConfig.REGION, "us-ashburn-1");
    }
}
