package io.cmkguard.fn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fnproject.fn.testing.FnTestingRule;
import io.cmkguard.emulator.RecordedRequest;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.List;

import static io.cmkguard.fn.DemoTenancy.KEY_HSM;
import static io.cmkguard.fn.FnResults.configure;
import static io.cmkguard.fn.FnResults.enqueueSamples;
import static io.cmkguard.fn.FnResults.results;
import static io.cmkguard.fn.FnResults.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * The function on the real FDK runtime (EntryPoint with FnTestingRule's in-memory codec), calling the
 * emulator through the real OCI SDK. Each test starts a fresh demo world; one thenRun = one warm container.
 */
public class CmkGuardFunctionIT {
    private static final String VOL_ORACLE = "ocid1.volume.oc1.iad.voloracle";
    private static final String ORACLE_MANAGED = "blockvolumes.createvolume.end--oracle-managed.json";
    private static final String COMPLIANT = "blockvolumes.createvolume.end--compliant.json";
    private static final String DISABLED_KEY = "blockvolumes.createvolume.end--disabled-key.json";
    private static final String KMS_KEY_UPDATED = "blockvolumes.updatevolumekmskey.end--after-remediation.json";

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();
    @Rule
    public final TemporaryFolder keyDir = new TemporaryFolder(); // the throwaway key does not outlive the test

    private DemoTenancy tenancy;

    @Before
    public void startEmulator() {
        tenancy = new DemoTenancy(keyDir.getRoot().toPath());
    }

    @After
    public void stopEmulator() {
        tenancy.close();
    }

    private void run() {
        fn.thenRun(CmkGuardFunction.class, "handleRequest");
    }

    @Test
    public void compliantVolumeIsLeftAloneAndNothingIsPublished() {
        configure(fn, tenancy.config("notify"));
        enqueueSamples(fn, COMPLIANT);
        run();

        JsonNode result = results(fn).get(0);
        assertEquals("COMPLIANT", text(result, "verdict"));
        assertEquals("NONE", text(result, "action"));
        assertFalse(result.path("notified").asBoolean());
        assertEquals(KEY_HSM, text(result, "kmsKeyIdBefore"));
        assertEquals(KEY_HSM, text(result, "kmsKeyIdAfter"));
        assertTrue(tenancy.emulator.messages().isEmpty());
        assertTrue("a compliant resource is only read", writes().isEmpty());
    }

    @Test
    public void oracleManagedVolumeInNotifyModePublishesOneFindingWithTheSummaryFirst() {
        configure(fn, tenancy.config("notify"));
        enqueueSamples(fn, ORACLE_MANAGED);
        run();

        JsonNode result = results(fn).get(0);
        assertEquals("NON_COMPLIANT", text(result, "verdict"));
        assertEquals("NOTIFIED", text(result, "action"));
        assertTrue(result.path("notified").asBoolean());
        assertNull("Oracle-managed", text(result, "kmsKeyIdBefore"));
        assertNull("notify mode changes nothing", text(result, "kmsKeyIdAfter"));
        assertFalse(result.path("reasons").isEmpty());

        List<ObjectNode> messages = tenancy.emulator.messages();
        assertEquals(1, messages.size());
        ObjectNode message = messages.get(0);
        assertEquals(DemoTenancy.TOPIC, message.path("topicId").asText());
        assertEquals(text(result, "messageId"), message.path("messageId").asText());
        // Slack and HTTPS subscriptions show only the body: its first line must say what happened
        String firstLine = message.path("body").asText().lines().findFirst().orElse("");
        assertTrue(firstLine, firstLine.startsWith("[cmk-guard] NOT COMPLIANT"));
        assertTrue(firstLine, firstLine.contains("vol-oracle-managed"));
        assertTrue(message.path("title").asText().contains("vol-oracle-managed"));
        assertTrue("notify mode writes nothing", writes().isEmpty());
        assertNull(tenancy.volumeKey(VOL_ORACLE));
    }

    @Test
    public void remediateAssignsTheKeyAndTheSelfTriggeredEventEndsCompliant() throws Exception {
        configure(fn, tenancy.config("remediate"));
        enqueueSamples(fn, ORACLE_MANAGED);
        // the event OCI emits for cmk-guard's own UpdateVolumeKmsKey, delivered to the same warm function
        fn.givenEvent().withBody(kmsKeyUpdatedEventFor(VOL_ORACLE, "vol-oracle-managed")).enqueue();
        run();

        List<JsonNode> results = results(fn);
        JsonNode remediation = results.get(0);
        assertEquals("NON_COMPLIANT", text(remediation, "verdict"));
        assertEquals("REMEDIATED", text(remediation, "action"));
        assertNull(text(remediation, "kmsKeyIdBefore"));
        assertEquals(KEY_HSM, text(remediation, "kmsKeyIdAfter"));
        assertTrue(remediation.path("notified").asBoolean());
        assertEquals(KEY_HSM, tenancy.volumeKey(VOL_ORACLE));

        JsonNode echo = results.get(1);
        assertEquals(VOL_ORACLE, text(echo, "resourceId"));
        assertEquals("COMPLIANT", text(echo, "verdict"));
        assertEquals("NONE", text(echo, "action"));
        assertFalse(echo.path("notified").asBoolean());
        assertEquals(KEY_HSM, text(echo, "kmsKeyIdBefore"));

        assertEquals("one notification: the fix, none for its echo", 1, tenancy.emulator.messages().size());
        String firstLine = tenancy.emulator.messages().get(0).path("body").asText().lines().findFirst().orElse("");
        assertTrue(firstLine, firstLine.startsWith("[cmk-guard] FIXED"));
        List<RecordedRequest> writes = writes();
        assertEquals(writes.toString(), 1, writes.size());
        assertEquals("PUT", writes.get(0).method());
        assertEquals("/20160918/volumes/" + VOL_ORACLE + "/kmsKey", writes.get(0).path());
    }

    @Test
    public void warmFunctionPublishesAnIdenticalFindingOnlyOnce() {
        configure(fn, tenancy.config("notify"));
        enqueueSamples(fn, ORACLE_MANAGED, ORACLE_MANAGED, COMPLIANT, DISABLED_KEY);
        run();

        List<JsonNode> results = results(fn);
        assertEquals(4, results.size());
        assertEquals("NOTIFIED", text(results.get(0), "action"));

        JsonNode repeat = results.get(1);
        assertEquals("the verdict is still reported", "NON_COMPLIANT", text(repeat, "verdict"));
        assertEquals("NONE", text(repeat, "action"));
        assertFalse(repeat.path("notified").asBoolean());
        assertTrue(repeat.path("reasons").toString(), repeat.path("reasons").toString().contains("not published again"));

        assertEquals("COMPLIANT", text(results.get(2), "verdict"));
        assertEquals("NON_COMPLIANT", text(results.get(3), "verdict"));
        assertEquals("a different finding is published", "NOTIFIED", text(results.get(3), "action"));

        assertEquals(2, tenancy.emulator.messages().size());
        assertEquals(0, fn.getLastExitCode());
    }

    @Test
    public void malformedJsonAnswersErrorWithoutCallingOci() {
        configure(fn, tenancy.config("remediate"));
        fn.givenEvent().withBody("{\"eventType\": \"com.oraclecloud.blockvolumes.createvolume.end\", \"data\": {")
                .enqueue();
        fn.givenEvent().withBody("not json at all").enqueue();
        run();

        for (JsonNode result : results(fn)) {
            assertEquals("ERROR", text(result, "verdict"));
            assertEquals("NONE", text(result, "action"));
            assertEquals("MalformedJson", result.path("error").path("code").asText());
            String reason = result.path("reasons").get(0).asText();
            assertTrue(reason, reason.contains("not valid JSON"));
        }
        assertEquals(2, fn.getResults().size());
        assertEquals("a bad body must not reach OCI", List.of(), tenancy.requests());
    }

    @Test
    public void hostileBodiesAnswerErrorWithTheirOwnCodeNotAFunctionError() throws Exception {
        configure(fn, tenancy.config("remediate"));
        String sample = RepoFiles.readSample(ORACLE_MANAGED).trim();
        String[][] cases = {
                {"[".repeat(3000) + "]".repeat(3000), "TooDeeplyNested"},
                {"{\"eventType\":\"com.oraclecloud.blockvolumes.createvolume.end\",\"n\":" + "1".repeat(1000) + "}",
                        "NumberTooLong"},
                {sample + sample, "MalformedJson"},
                {sample.replace("\"resourceId\"", "\"resourceId\": \"ocid1.volume.oc1.iad.other\", \"resourceId\""),
                        "MalformedJson"},
                {sample.replace("ocid1.volume.oc1.iad.voloracle", "ocid1.volume.oc1.iad." + "v".repeat(100_000)),
                        "InvalidResourceId"},
                {"{\"dedupeKey\":\"k\",\"type\":\"OK_TO_FIRING\",\"alarmMetaData\":[]}", "MisroutedAlarm"}};
        for (String[] c : cases) {
            fn.givenEvent().withBody(c[0]).enqueue();
        }
        run();

        List<JsonNode> results = results(fn); // each one an FDK success, never a FunctionError (a 502)
        assertEquals(cases.length, results.size());
        for (int i = 0; i < cases.length; i++) {
            assertEquals("ERROR", text(results.get(i), "verdict"));
            assertEquals(cases[i][1], results.get(i).path("error").path("code").asText());
        }
        assertEquals("the event id survives the error", text(results.get(4), "eventId"),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(sample).path("eventID").asText());
        assertEquals("a bad body must not reach OCI", List.of(), tenancy.requests());
    }

    @Test
    public void invalidConfigAnswersErrorOnEveryInvocationWithoutCallingOci() {
        configure(fn, tenancy.config("notify"));
        fn.setConfig("CMK_GUARD_MODE", "fix");
        enqueueSamples(fn, ORACLE_MANAGED, COMPLIANT);
        run();

        List<JsonNode> results = results(fn);
        assertEquals(2, results.size());
        for (JsonNode result : results) {
            assertEquals("ERROR", text(result, "verdict"));
            assertEquals("InvalidConfiguration", result.path("error").path("code").asText());
            String reason = result.path("reasons").get(0).asText();
            assertTrue(reason, reason.contains("CMK_GUARD_MODE='fix' is not a mode"));
        }
        assertEquals("nothing is checked with a bad configuration", List.of(), tenancy.requests());
        assertTrue(tenancy.emulator.messages().isEmpty());
    }

    private List<RecordedRequest> writes() {
        return tenancy.requests().stream()
                .filter(r -> !r.method().equals("GET") && !r.path().endsWith("/messages"))
                .toList();
    }

    /** The sample kmskey-updated event, re-pointed at another volume. */
    private static String kmsKeyUpdatedEventFor(String volumeId, String name) throws Exception {
        ObjectNode event = (ObjectNode) new ObjectMapper().readTree(RepoFiles.readSample(KMS_KEY_UPDATED));
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("resourceId", volumeId);
        data.put("resourceName", name);
        event.put("eventID", "f2d1c1a0-0000-4000-8000-00000000e40e");
        return event.toString();
    }
}
