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
}
