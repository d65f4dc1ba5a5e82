package io.cmkguard.fn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fnproject.fn.testing.FnTestingRule;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.ArrayList;
import java.util.List;

import static io.cmkguard.fn.FnResults.configure;
import static io.cmkguard.fn.FnResults.results;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/** A {"sweep": …} body through the real FDK runtime: the sweep report, one digest, the same checks as events. */
public class SweepFunctionIT {
    private static final String PROD = "ocid1.compartment.oc1..prod";

    @Rule
    public final FnTestingRule fn = FnTestingRule.createDefault();
    @Rule
    public final TemporaryFolder keyDir = new TemporaryFolder();

    private DemoTenancy tenancy;

    @Before
    public void startEmulator() {
        tenancy = new DemoTenancy(keyDir.getRoot().toPath());
    }

    @After
    public void stopEmulator() {
        tenancy.close();
    }

    @Test
    public void aSweepBodyAnswersTheSweepReportAndPublishesOneDigest() {
        configure(fn, tenancy.config("notify"));
        fn.givenEvent().withBody("{\"sweep\": {\"compartmentId\": \"" + PROD + "\", \"includeSubcompartments\": false,"
                + " \"resourceTypes\": [\"block-volume\"]}}").enqueue();
        fn.thenRun(CmkGuardFunction.class, "handleRequest");

        JsonNode report = results(fn).get(0);
        assertTrue(report.path("sweepId").asText().startsWith("sweep-"));
        assertEquals(PROD, report.path("compartmentId").asText());
        assertEquals("notify", report.path("mode").asText());
        assertTrue(report.path("complete").asBoolean());
        assertTrue(report.path("continuation").isNull());
        int scanned = report.path("scanned").asInt();
        assertEquals(scanned, report.path("byType").path("block-volume").path("scanned").asInt());
        List<String> nonCompliant = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            assertEquals(PROD, f.path("compartmentId").asText());
            if (f.path("verdict").asText().equals("NON_COMPLIANT")) {
                nonCompliant.add(f.path("resourceId").asText());
                assertEquals("NOTIFIED", f.path("action").asText());
            }
        }
        assertTrue(nonCompliant.contains("ocid1.volume.oc1.iad.voloracle"));
        assertEquals(nonCompliant.size(), report.path("counts").path("NON_COMPLIANT").asInt());
        assertEquals("one digest, never one message per resource", 1, tenancy.emulator.messages().size());
        assertTrue(tenancy.emulator.messages().get(0).path("body").asText()
                .startsWith("[cmk-guard] " + nonCompliant.size() + " of " + scanned + " resources"));
        assertFalse("notify mode never writes", tenancy.requests().stream()
                .anyMatch(r -> r.method().equals("PUT")));
    }

    @Test
    public void aBadSweepBodyAnswersItsErrorAndCallsNothing() {
        configure(fn, tenancy.config("notify"));
        fn.givenEvent().withBody("{\"sweep\": {\"compartmentId\": \"" + PROD + "\", \"mode\": \"fix\"}}").enqueue();
        fn.thenRun(CmkGuardFunction.class, "handleRequest");

        JsonNode report = results(fn).get(0);
        assertEquals("InvalidMode", report.path("error").path("code").asText());
        assertFalse(report.path("complete").asBoolean());
        assertTrue(tenancy.requests().isEmpty());
    }

    @Test
    public void hostileSweepBodiesInRemediateModeAnswerTheirCodeAndCallNothing() {
        configure(fn, tenancy.config("remediate"));
        String prod = "\"compartmentId\": \"" + PROD + "\"";
        List<String[]> cases = List.of(
                new String[] {"{\"sweep\": {" + prod + "}, \"sweep\": {" + prod + ", \"mode\": \"remediate\"}}",
                        "MalformedJson"},
                new String[] {"{\"sweep\": {" + prod + ", \"mode\": \"audit\", \"mode\": \"remediate\"}}",
                        "MalformedJson"},
                new String[] {"{\"sweep\": {" + prod + "}} and more", "MalformedJson"},
                new String[] {"{\"eventType\": \"com.oraclecloud.blockvolumes.createvolume.end\", \"data\": {},"
                        + " \"sweep\": {" + prod + "}}", "AmbiguousBody"},
                new String[] {"{\"sweep\": {" + prod + "}, \"dryRun\": true}", "InvalidSweep"},
                new String[] {"{\"sweep\": {" + prod + ", \"mode\": \"remed\u0131ate\"}}", "InvalidMode"},
                new String[] {"{\"sweep\": {\"compartmentId\": \"ocid1.compartment.oc1.." + "a".repeat(2_000_000)
                        + "\"}}", "BodyTooLarge"},
                new String[] {"{\"sweep\": {" + prod + ", \"continuation\": \"v1.eyJtb2RlIjoicmVtZWRpYXRlIn0\"}}",
                        "InvalidContinuation"});
        cases.forEach(c -> fn.givenEvent().withBody(c[0]).enqueue());
        fn.thenRun(CmkGuardFunction.class, "handleRequest");

        List<JsonNode> reports = results(fn);
        assertEquals(cases.size(), reports.size());
        for (int i = 0; i < cases.size(); i++) {
            JsonNode r = reports.get(i);
            assertEquals(cases.get(i)[0].substring(0, 60), cases.get(i)[1], r.path("error").path("code").asText());
            assertFalse(r.path("complete").asBoolean());
            assertTrue("a bounded answer", r.toString().length() < 4_000);
        }
        assertTrue("not one call, so not one write", tenancy.requests().isEmpty());
        assertTrue(tenancy.emulator.messages().isEmpty());
    }
}
