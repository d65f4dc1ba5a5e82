package io.cmkguard.fn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fnproject.fn.testing.FnResult;
import com.fnproject.fn.testing.FnTestingRule;
import io.cmkguard.LeakScan;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.SigningKeys;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static io.cmkguard.fn.FnResults.enqueueSamples;
import static io.cmkguard.fn.FnResults.results;
import static io.cmkguard.fn.FnResults.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * The production auth path: OCI Functions hands the function a resource principal (version 2.2) in its
 * configuration. Offline, a test token plus a PEM the emulator trusts is enough for the SDK to sign
 * requests with keyId "ST$<token>". The token and the key are secrets: they must never be echoed.
 */
public class ResourcePrincipalIT {
    private static final String COMPARTMENT = "ocid1.compartment.oc1..prod";

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();
    @Rule
    public final TemporaryFolder keyDir = new TemporaryFolder(); // the throwaway key does not outlive the test

    private SigningKeys functionKey;
    private Path pemFile;
    private String token;
    private OciEmulator emulator;

    @Before
    public void startEmulator() {
        functionKey = SigningKeys.generate();
        pemFile = functionKey.writePrivateKeyPem(keyDir.getRoot().toPath());
        token = sessionToken();
        LeakScan.secret(functionKey);
        LeakScan.token(token);
        emulator = OciEmulator.start(OciEmulator.demoWorld(), EmulatorOptions.trusting(functionKey.publicKey()));
    }

    @After
    public void stopEmulator() {
        emulator.messages().forEach(m -> LeakScan.said("a notification", m.toString()));
        emulator.close();
    }

    /** What OCI Functions sets, plus the endpoint override; no CMK_GUARD_AUTH or region: both are derived. */
    private void configureAsInOciFunctions(String pemPath, String rpst) {
        fn.setConfig("OCI_RESOURCE_PRINCIPAL_VERSION", "2.2");
        fn.setConfig("OCI_RESOURCE_PRINCIPAL_RPST", rpst);
        fn.setConfig("OCI_RESOURCE_PRINCIPAL_PRIVATE_PEM", pemPath);
        fn.setConfig("OCI_RESOURCE_PRINCIPAL_REGION", "us-ashburn-1");
        fn.setConfig("CMK_GUARD_OCI_ENDPOINT", emulator.baseUrl());
        fn.setConfig("CMK_GUARD_MODE", "remediate");
        fn.setConfig("CMK_GUARD_KMS_KEY_ID", DemoTenancy.KEY_HSM);
        fn.setConfig("CMK_GUARD_TOPIC_ID", DemoTenancy.TOPIC);
        fn.setConfig("CMK_GUARD_RETRY_ATTEMPTS", "2");
    }

    @Test
    public void resourcePrincipalSignsEveryCallWithTheSessionToken() {
        configureAsInOciFunctions(pemFile.toString(), token);
        enqueueSamples(fn, "blockvolumes.createvolume.end--oracle-managed.json",
                "blockvolumes.createvolume.end--compliant.json");
        fn.thenRun(CmkGuardFunction.class, "handleRequest");

        List<JsonNode> results = results(fn);
        assertEquals("REMEDIATED", text(results.get(0), "action"));
        assertEquals(DemoTenancy.KEY_HSM, text(results.get(0), "kmsKeyIdAfter"));
        assertEquals("COMPLIANT", text(results.get(1), "verdict"));

        List<RecordedRequest> requests = emulator.requests();
        assertTrue(requests.size() >= 4); // reads, key lookup, the PUT, its re-read, the publish
        for (RecordedRequest request : requests) {
            assertTrue(request + " keyId " + request.keyId(),
                    request.keyId() != null && request.keyId().startsWith("ST$"));
            assertEquals(request.toString(), "ST$" + token, request.keyId());
            assertTrue(request.toString(), request.status() < 300);
        }
        assertTrue(requests.stream().anyMatch(r -> r.method().equals("PUT")));
        assertEquals(1, emulator.messages().size());
        assertTrue("the leak check must see the decision log", fn.getStdErrAsString().contains("cmk-guard.decision"));
        assertNoSecretIn(everythingTheFunctionSaid());
    }

    @Test
    public void missingPrivateKeyAnswersErrorWithoutLeakingTheToken() {
        configureAsInOciFunctions(pemFile.resolveSibling("no-such-key.pem").toString(), token);
        enqueueSamples(fn, "blockvolumes.createvolume.end--oracle-managed.json");
        fn.thenRun(CmkGuardFunction.class, "handleRequest");

        JsonNode result = results(fn).get(0);
        assertEquals("ERROR", text(result, "verdict"));
        assertEquals("InvalidConfiguration", result.path("error").path("code").asText());
        assertTrue(result.toString(), result.path("reasons").get(0).asText().contains("resource principal"));
        assertTrue(result.toString(), result.path("reasons").get(0).asText().contains("names a file that cannot be read"));
        assertEquals(List.of(), emulator.requests());
        assertTrue("the leak check must see the start-up log", fn.getStdErrAsString().contains("cmk-guard.config-error"));
        assertNoSecretIn(everythingTheFunctionSaid());
    }

    @Test
    public void malformedTokenAnswersErrorWithoutLeakingIt() {
        String malformed = "secret-session-token-that-is-not-a-jwt-0123456789abcdef";
        LeakScan.secret(malformed);
        configureAsInOciFunctions(pemFile.toString(), malformed);
        enqueueSamples(fn, "blockvolumes.createvolume.end--oracle-managed.json");
        fn.thenRun(CmkGuardFunction.class, "handleRequest");

        JsonNode result = results(fn).get(0);
        assertEquals("ERROR", text(result, "verdict"));
        assertEquals(List.of(), emulator.requests());
        String said = everythingTheFunctionSaid();
        assertFalse("the malformed token leaked:\n" + said, said.contains(malformed));
        assertNoSecretIn(said);
    }

    @Test
    public void anUnsupportedResourcePrincipalVersionIsAConfigErrorNotACrash() {
        configureAsInOciFunctions(pemFile.toString(), token);
        fn.setConfig("OCI_RESOURCE_PRINCIPAL_VERSION", "9.9");
        enqueueSamples(fn, "blockvolumes.createvolume.end--oracle-managed.json");
        fn.thenRun(CmkGuardFunction.class, "handleRequest");

        JsonNode result = results(fn).get(0); // configure() did not throw: the invocation answered
        assertEquals("ERROR", text(result, "verdict"));
        assertEquals("InvalidConfiguration", result.path("error").path("code").asText());
        assertTrue(result.toString(), result.path("reasons").get(0).asText()
                .contains("OCI_RESOURCE_PRINCIPAL_VERSION='9.9' is not a resource-principal version"));
        assertEquals(List.of(), emulator.requests());
        assertNoSecretIn(everythingTheFunctionSaid());
    }

    /** Every answer body plus everything written to stdout/stderr (the function's log) during the run. */
    private String everythingTheFunctionSaid() {
        StringBuilder all = new StringBuilder(fn.getStdErrAsString());
        for (FnResult r : fn.getResults()) {
            all.append('\n').append(r.getBodyAsString());
        }
        return all.toString();
    }

    private void assertNoSecretIn(String said) {
        assertFalse("the session token leaked", said.contains(token));
        assertFalse("the token's claims leaked", said.contains(token.split("\\.")[1]));
        assertFalse("private key text leaked", said.contains("PRIVATE KEY"));
        for (String line : pemBodyLines()) {
            assertFalse("private key text leaked", said.contains(line));
        }
    }

    private List<String> pemBodyLines() {
        List<String> lines = new ArrayList<>();
        functionKey.privateKeyPem().lines().filter(l -> !l.startsWith("-----")).forEach(lines::add);
        return lines;
    }

    /** An unsigned test RPST with the claims the SDK reads; OCI would sign it, the SDK does not check. */
    private static String sessionToken() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String claims = "{\"sub\":\"ocid1.fnfunc.oc1.iad.cmkguard\",\"res_type\":\"fnfunc\","
                + "\"res_tenant\":\"" + SigningKeys.TENANCY + "\",\"res_compartment\":\"" + COMPARTMENT + "\","
                + "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("test-signature".getBytes(StandardCharsets.UTF_8));
    }
}
