package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.TestFiles;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10, part 1: the events that can leave data on the wrong key, through the real SDK against the emulator. */
class NewEventsIT {
    private static final Map<String, String> NOTIFY = Map.of("CMK_GUARD_MODE", "notify");
    private static final Map<String, String> REMEDIATE = Map.of("CMK_GUARD_MODE", "remediate",
            "CMK_GUARD_KMS_KEY_ID", KEY_HSM);

    private EmulatedTenancy tenancy = new EmulatedTenancy();

    @AfterEach
    void close() {
        tenancy.close();
    }

    @Test
    void aBackupWhoseCreationFailedIsIgnoredWithTheEventsStatusAndNothingIsRead() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send("blockvolumes.createvolumebackup.end--failed.json");
        assertEquals("IGNORED", r.path("verdict").asText(), r.toPrettyString());
        assertEquals("volume-backup", r.path("resourceType").asText());
        assertTrue(r.path("reasons").get(0).asText().contains("status FAILED"), r.toPrettyString());
        assertTrue(tenancy.emulator.requests().isEmpty(), "nothing re-read: " + tenancy.emulator.requests());
    }

    @Test
    void aVolumeGroupEventChecksEveryMemberAsItsOwnType() {
        tenancy.guard(NOTIFY);
        JsonNode r = tenancy.send("blockvolumes.createvolumegroup.end--clone-mixed-members.json");
        assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
        List<String> members = StreamSupport.stream(r.path("items").spliterator(), false)
                .map(i -> i.path("resourceType").asText() + " " + i.path("resourceId").asText() + " "
                        + i.path("verdict").asText()).toList();
        assertEquals(List.of("block-volume ocid1.volume.oc1.iad.voloracle NON_COMPLIANT",
                "boot-volume ocid1.bootvolume.oc1.iad.bvcmk COMPLIANT"), members);
        assertEquals(1, tenancy.emulator.messages().size(), "one finding: the member on the Oracle key");
    }

    @Test
    void aStandbyThatBecamePrimaryAndADisconnectedCloneAreRemediableNow() {
        tenancy.guard(REMEDIATE);
        for (String sample : List.of(
                "databaseservice.switchoverautonomousdatabase.end--new-primary-oracle-managed.json",
                "databaseservice.disconnectrefreshableautonomousdatabaseclonefromsource.end--disconnected-clone.json")) {
            JsonNode r = tenancy.send(sample);
            assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
            assertEquals(KEY_HSM, r.path("kmsKeyIdAfter").asText());
        }
        assertEquals(2, tenancy.writes().size());
    }

    @Test
    void aContainerOnTheOracleKeyIsReportedNeverReKeyedAndNoCommandIsInvented() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send("databaseservice.autonomous.container.database.instance.update.end--oracle-managed.json");
        assertEquals("autonomous-container-database", r.path("resourceType").asText(), r.toPrettyString());
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals("NOTIFIED", r.path("action").asText());
        assertTrue(r.path("fix").path("command").isNull(), r.toPrettyString());
        assertTrue(tenancy.writes().isEmpty(), tenancy.writes().toString());
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("OCI cannot move an autonomous container database to another key in place"), body);
    }

    @Test
    void aNewDataGuardStandbyIsCheckedWithItsPrimary() {
        tenancy.guard(NOTIFY);
        JsonNode r = tenancy.send("databaseservice.createdataguardassociation.end--wallet-only-standby.json");
        assertEquals("ocid1.database.oc1.iad.dbstandby", r.path("resourceId").asText(), r.toPrettyString());
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals(2, r.path("items").size());
        assertEquals("COMPLIANT", r.path("items").get(0).path("verdict").asText(), "the primary dbcmk");
    }

    /** OCI cannot switch a database with refreshable clones to a customer-managed key: report, never re-key. */
    @Test
    void aSourceWithARefreshableCloneIsReportedWithHowToDisconnectNotReKeyed() {
        ObjectNode source = (ObjectNode) OciEmulator.demoWorld().toJson().path("autonomousDatabases").get(1).deepCopy();
        source.put("id", "ocid1.autonomousdatabase.oc1.iad.adbsrc").put("displayName", "adb-source");
        ObjectNode clone = source.deepCopy().put("id", "ocid1.autonomousdatabase.oc1.iad.adbsrcclone")
                .put("displayName", "adb-source-clone").put("sourceId", "ocid1.autonomousdatabase.oc1.iad.adbsrc")
                .put("isRefreshableClone", true);
        tenancy.close();
        tenancy = new EmulatedTenancy(OciEmulator.demoWorld().with("autonomousDatabases", source, clone),
                EmulatorOptions.trusting());
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.sendBody(TestFiles.read(TestFiles.sample(
                "databaseservice.autonomous.database.instance.create.end--oracle-managed.json"))
                .replace("ocid1.autonomousdatabase.oc1.iad.adboracle", "ocid1.autonomousdatabase.oc1.iad.adbsrc"));
        assertEquals("NOTIFIED", r.path("action").asText(), r.toPrettyString());
        assertTrue(tenancy.writes().isEmpty(), tenancy.writes().toString());
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("it has refreshable clones (ocid1.autonomousdatabase.oc1.iad.adbsrcclone)"), body);
    }

    @Test
    void aMovedVolumeIsJudgedUnderItsNewCompartmentsRemediationKey() {
        String otherKey = "ocid1.key.oc1.iad.emuvault1.keysoftware";
        tenancy.guard(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_KMS_KEY_ID", KEY_HSM,
                "CMK_GUARD_KMS_KEY_BY_COMPARTMENT", "ocid1.compartment.oc1..prod=" + otherKey));
        JsonNode r = tenancy.send("blockvolumes.changevolumecompartment.end--oracle-managed.json");
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertEquals(otherKey, r.path("kmsKeyIdAfter").asText(), "the key of the compartment it is in now");
    }
}
