package io.cmkguard.guard.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.config.Mode;
import io.cmkguard.policy.Status;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.rules.EventRulesStatus;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The streamed answer is the tree's text, byte for byte, in the contract's field order. */
class SweepReportJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theStreamedTextIsTheTreesText() throws Exception {
        for (SweepReport r : List.of(full(), SweepReport.failed("", "ocid1.compartment.oc1..x", "", new GuardResult.Fault(
                "InvalidBody", "a \"quoted\" \\ message\u2028"), Optional.empty(), 3))) {
            for (SweepReportJson.Detail detail : SweepReportJson.Detail.values()) {
                assertEquals(SweepReportJson.toJson(r, detail).toString(), SweepReportJson.write(r, detail),
                        detail.name());
                ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
                SweepReportJson.write(r, detail, utf8);
                assertEquals(SweepReportJson.toJson(r, detail).toString(), utf8.toString(StandardCharsets.UTF_8),
                        detail.name());
            }
        }
    }

    @Test
    void fieldsKeepTheContractsOrderAndTheListsTheirSweepOrder() throws Exception {
        JsonNode answer = JSON.readTree(SweepReportJson.write(full(), SweepReportJson.Detail.ALL));
        List<String> fields = new ArrayList<>();
        answer.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("sweepId", "compartmentId", "mode", "scanned", "counts", "byType", "findings",
                "remediated", "complete", "continuation", "durationMs", "notified", "messageId", "error", "eventRules",
                "unjudged", "byCompartment", "startedAt", "chain", "resources"), fields);
        assertEquals(List.of("ocid1.volume.oc1.iad.b", "ocid1.volume.oc1.iad.c"),
                ids(answer.path("findings")));
        assertEquals(List.of("ocid1.volume.oc1.iad.a", "ocid1.volume.oc1.iad.b", "ocid1.volume.oc1.iad.c"),
                ids(answer.path("resources")));
        assertEquals("stamp \"1\" ü", answer.path("findings").get(0).path("reasons").get(0).asText());
        assertEquals("ocid1.key.oc1.iad.k", answer.path("resources").get(0).path("kmsKeyId").asText());
        assertEquals("Throttled", answer.path("findings").get(1).path("error").path("code").asText());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.path("resourceId").asText()));
        return ids;
    }

    private static SweepReport full() {
        GuardResult compliant = result("a", Status.COMPLIANT).reasons(List.of("on its Vault key"))
                .kmsKeyIdBefore("ocid1.key.oc1.iad.k").kmsKeyIdAfter("ocid1.key.oc1.iad.k").build();
        GuardResult nonCompliant = result("b", Status.NON_COMPLIANT).reasons(List.of("stamp \"1\" ü", "second"))
                .action(Action.NOTIFIED).notified(true).messageId(Optional.of("m1"))
                .lineage(Optional.of(new GuardResult.Lineage("clone", "ocid1.volume.oc1.iad.src", "", true)))
                .fix(Optional.of(new GuardResult.Fix(Optional.of("oci bv volume update --volume-id x --kms-key-id k"),
                        "https://cloud.oracle.com/block-storage/volumes/b", Optional.empty())))
                .build();
        GuardResult error = result("c", Status.ERROR).error(Optional.of(new GuardResult.Fault("Throttled",
                "429 <Too Many Requests> & more"))).build();
        return new SweepReport("sweep-1", "ocid1.compartment.oc1..root", "notify", 3,
                Map.of(Status.COMPLIANT, 1, Status.NON_COMPLIANT, 1, Status.ERROR, 1),
                Map.of("block-volume", new SweepReport.TypeCount(3, 1)), List.of(nonCompliant, error), 0, false,
                Optional.of("token"), 1234, true, Optional.of("m1"), Optional.empty(),
                Optional.of(new EventRulesStatus(true, List.of("rule x is disabled"), Optional.empty())),
                List.of(new SweepReport.Unjudged("ocid1.compartment.oc1..c2", "bucket", "NotAuthorized", "no", 4)),
                List.of(compliant, nonCompliant, error),
                Map.of("ocid1.compartment.oc1..root", new SweepReport.TypeCount(3, 1)),
                Optional.of(Instant.parse("2026-12-07T03:00:00Z")),
                Optional.of(new SweepReport.Chain(1, SweepReport.Chain.CALLER, "send the continuation back",
                        Optional.of("bucket/sweeps/sweep-1/"))));
    }

    private static GuardResult.Builder result(String id, Status verdict) {
        return GuardResult.builder().eventId("sweep-1").resourceId("ocid1.volume.oc1.iad." + id)
                .resourceType("block-volume").displayName("vol " + id).compartmentId("ocid1.compartment.oc1..root")
                .region("us-ashburn-1").mode(Mode.NOTIFY).verdict(verdict);
    }
}
