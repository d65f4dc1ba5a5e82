package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.TestFiles;
import io.cmkguard.emulator.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.Map;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline through the real OCI SDK clients against the emulator, per sample event. */
class GuardIT {
    private static final Map<String, String> NOTIFY = Map.of("CMK_GUARD_MODE", "notify");
    private static final Map<String, String> REMEDIATE = Map.of("CMK_GUARD_MODE", "remediate",
            "CMK_GUARD_KMS_KEY_ID", KEY_HSM);

    private final EmulatedTenancy tenancy = new EmulatedTenancy();

    @AfterEach
    void close() {
        tenancy.close();
    }

    @ParameterizedTest(name = "{0} in notify mode: {1}/{2}")
    @CsvSource({
            "blockvolumes.createvolume.end--compliant.json, COMPLIANT, NONE",
            "blockvolumes.createvolume.end--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--clone-downgrade.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--restore-downgrade.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--replica-activation.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--disabled-key.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--pending-deletion-key.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--wrong-region-key.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--replica-without-cmk.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--exempt.json, EXEMPT, NONE",
            "blockvolumes.createvolume.end--exempt-expired.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--provisioning.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolume.end--hsm-not-required.json, COMPLIANT, NONE",
            "blockvolumes.createvolume.end--deleted-before-check.json, NOT_FOUND, NONE",
            "blockvolumes.updatevolume--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.updatevolume.end--replica-without-cmk.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.updatevolumekmskey.end--after-remediation.json, COMPLIANT, NONE",
            "blockvolumes.deletevolumekmskey.begin--key-removed.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createbootvolume.end--clone-downgrade.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.updatebootvolume.end--replica-without-cmk.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.updatebootvolumekmskey.end--after-remediation.json, COMPLIANT, NONE",
            "blockvolumes.deletebootvolumekmskey.begin--key-removed.json, NON_COMPLIANT, NOTIFIED",
            "computeapi.launchinstance.end--oracle-managed-boot-volume.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolumebackup.end--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.copyvolumebackup.end--copy-downgrade.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.updatevolumebackup--compliant.json, COMPLIANT, NONE",
            "blockvolumes.createbootvolumebackup.end--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.copybootvolumebackup.end--compliant.json, COMPLIANT, NONE",
            "blockvolumes.updatebootvolumebackup--compliant.json, COMPLIANT, NONE",
            // issue 15: buckets and file systems
            "objectstorage.createbucket--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "objectstorage.createbucket--compliant.json, COMPLIANT, NONE",
            "objectstorage.updatebucket--replication-downgrade.json, NON_COMPLIANT, NOTIFIED",
            "filestorage.createfilesystem--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "filestorage.createfilesystem--clone-downgrade.json, NON_COMPLIANT, NOTIFIED",
            "filestorage.updatefilesystem--compliant.json, COMPLIANT, NONE",
            "filestorage.changefilesystemcompartment--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            // issue 10: moves re-check under the new compartment; groups check every member; failed backups are IGNORED
            "blockvolumes.changevolumecompartment.end--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.changebootvolumecompartment.end--compliant.json, COMPLIANT, NONE",
            "blockvolumes.changevolumebackupcompartment--oracle-managed.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.changebootvolumebackupcompartment--compliant.json, COMPLIANT, NONE",
            "blockvolumes.createvolumegroup.end--clone-mixed-members.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolumegroup--clone-mixed-members.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.updatevolumegroup--compliant-members.json, COMPLIANT, NONE",
            "computeapi.attachbootvolume.end--oracle-managed-boot-volume.json, NON_COMPLIANT, NOTIFIED",
            "blockvolumes.createvolumebackup.end--failed.json, IGNORED, NONE",
            "blockvolumes.createbootvolumebackup.end--faulty.json, IGNORED, NONE",
    })
    void everySampleInNotifyMode(String sample, String verdict, String action) {
        JsonNode r = tenancy.guard(NOTIFY).send(sample);
        assertEquals(verdict, r.path("verdict").asText(), r.toPrettyString());
        assertEquals(action, r.path("action").asText(), r.toPrettyString());
        assertEquals(action.equals("NOTIFIED"), r.path("notified").asBoolean());
        assertEquals(action.equals("NOTIFIED") ? 1 : 0, tenancy.emulator.messages().size());
        assertTrue(tenancy.writes().isEmpty(), "notify mode never writes: " + tenancy.writes());
        assertFalse(r.path("reasons").isEmpty());
    }

    @Test
    void everySampleIsCoveredByTheTableAbove() throws Exception {
        var method = getClass().getDeclaredMethod("everySampleInNotifyMode", String.class, String.class, String.class);
        var rows = method.getAnnotation(CsvSource.class).value();
        long samples = TestFiles.samples().stream() // database samples: DatabaseIT; Vault key samples: KeyWatchIT
                .filter(p -> !p.getFileName().toString().startsWith("databaseservice.")
                        && !p.getFileName().toString().startsWith("keymanagementservice.")).count();
        assertEquals(samples, rows.length);
    }

    @Test
    void remediateAssignsTheKeyVerifiesAndNotifiesWhatWasDone() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertTrue(r.path("kmsKeyIdBefore").isNull());
        assertEquals(KEY_HSM, r.path("kmsKeyIdAfter").asText());
        assertEquals(KEY_HSM, tenancy.stateOf("volumes", "ocid1.volume.oc1.iad.voloracle").path("kmsKeyId").asText());
        assertEquals(1, tenancy.emulator.messages().size());
        assertTrue(tenancy.emulator.messages().get(0).path("body").asText().startsWith("[cmk-guard] FIXED:"));
    }

    @Test
    void ownRemediationEventEndsQuietly() {
        tenancy.guard(REMEDIATE);
        tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        JsonNode again = tenancy.send("blockvolumes.updatevolume--oracle-managed.json"); // same volume, after the fix
        assertEquals("COMPLIANT", again.path("verdict").asText(), again.toPrettyString());
        assertEquals("NONE", again.path("action").asText());
        assertEquals(1, tenancy.emulator.messages().size());
        assertEquals(1, tenancy.writes().size());
    }

    @Test
    void duplicateDeliveryIsPublishedOnce() {
        tenancy.guard(NOTIFY);
        JsonNode first = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        JsonNode second = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("NOTIFIED", first.path("action").asText());
        assertEquals("NON_COMPLIANT", second.path("verdict").asText());
        assertEquals("NONE", second.path("action").asText());
        assertFalse(second.path("notified").asBoolean());
        assertEquals(1, tenancy.emulator.messages().size());
    }

    @Test
    void cloneDowngradeIsNamedWithItsSourceAndFixed() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--clone-downgrade.json");
        assertTrue(r.path("lineage").path("downgrade").asBoolean(), r.toPrettyString());
        assertEquals("ocid1.volume.oc1.iad.volcmk", r.path("lineage").path("sourceId").asText());
        assertEquals(KEY_HSM, r.path("lineage").path("sourceKmsKeyId").asText());
        assertTrue(r.path("reasons").get(0).asText().startsWith("CMK downgrade"));
        assertEquals("REMEDIATED", r.path("action").asText());
    }

    @Test
    void restoreAndReplicaActivationDowngradesAreDetected() {
        tenancy.guard(NOTIFY);
        assertTrue(tenancy.send("blockvolumes.createvolume.end--restore-downgrade.json")
                .path("lineage").path("downgrade").asBoolean());
        assertTrue(tenancy.send("blockvolumes.createvolume.end--replica-activation.json")
                .path("lineage").path("downgrade").asBoolean());
        assertTrue(tenancy.send("blockvolumes.copyvolumebackup.end--copy-downgrade.json")
                .path("lineage").path("downgrade").asBoolean());
    }

    @ParameterizedTest(name = "remediate leaves {0} alone")
    @CsvSource({
            "blockvolumes.createvolume.end--disabled-key.json",
            "blockvolumes.createvolume.end--pending-deletion-key.json",
            "blockvolumes.createvolume.end--wrong-region-key.json",
            "blockvolumes.createvolume.end--provisioning.json",
            "blockvolumes.createvolume.end--replica-without-cmk.json",
            "blockvolumes.deletevolumekmskey.begin--key-removed.json",
    })
    void remediateNeverTouchesWhatItCannotSafelyChange(String sample) {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send(sample);
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals("NOTIFIED", r.path("action").asText(), r.toPrettyString());
        assertTrue(tenancy.writes().isEmpty(), tenancy.writes().toString());
        assertTrue(tenancy.emulator.messages().get(0).path("body").asText().contains("Nothing was changed"));
    }

    @Test
    void exemptResourceIsReadOnceAndNeverTouched() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--exempt.json");
        assertEquals("EXEMPT", r.path("verdict").asText());
        assertEquals("NONE", r.path("action").asText());
        assertEquals(1, tenancy.emulator.requests().size(), tenancy.emulator.requests().toString());
        assertTrue(tenancy.emulator.messages().isEmpty());
    }

    @Test
    void replicaFindingGivesTheExactReplicaFix() {
        tenancy.guard(REMEDIATE);
        tenancy.send("blockvolumes.createvolume.end--replica-without-cmk.json");
        String body = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(body.contains("oci bv volume update --volume-id ocid1.volume.oc1.iad.volreplicanocmk"
                + " --block-volume-replicas '[{\"availabilityDomain\":\"Uocm:PHX-AD-1\""), body);
        assertFalse(body.contains("volume-kms-key update"), "the volume's own key is fine: " + body);
    }

    @Test
    void auditModeOnlyLogs() {
        tenancy.guard(Map.of("CMK_GUARD_MODE", "audit"));
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("LOGGED", r.path("action").asText());
        assertTrue(tenancy.emulator.messages().isEmpty());
        assertTrue(tenancy.writes().isEmpty());
        assertTrue(tenancy.logText().contains("\"log\":\"cmk-guard.decision\""), tenancy.logText());
        assertEquals("oci bv volume-kms-key update --volume-id ocid1.volume.oc1.iad.voloracle"
                + " --kms-key-id '<customer-managed key OCID>'", r.path("fix").path("command").asText(), r.toPrettyString());
        assertTrue(r.path("fix").path("consoleUrl").asText().startsWith("https://cloud.oracle.com/block-storage/volumes/"));
        assertTrue(r.path("fix").path("prerequisite").asText().contains("Allow service blockstorage"));
        assertTrue(tenancy.logText().contains("volume-kms-key update"), "the log line carries the fix too");
    }

    @Test
    void perTypeModeOverride() {
        tenancy.guard(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_KMS_KEY_ID", KEY_HSM,
                "CMK_GUARD_MODE_VOLUME_BACKUP", "notify"));
        assertEquals("NOTIFIED", tenancy.send("blockvolumes.createvolumebackup.end--oracle-managed.json")
                .path("action").asText());
        assertEquals("REMEDIATED", tenancy.send("blockvolumes.createbootvolumebackup.end--oracle-managed.json")
                .path("action").asText());
    }

    @Test
    void launchInstanceChecksTheInstancesBootVolume() {
        tenancy.guard(REMEDIATE);
        JsonNode r = tenancy.send("computeapi.launchinstance.end--oracle-managed-boot-volume.json");
        assertEquals("ocid1.bootvolume.oc1.iad.bvoracle", r.path("resourceId").asText());
        assertEquals("boot-volume", r.path("resourceType").asText());
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
    }

    @Test
    void unusableRemediationKeyIsNeverAssigned() {
        tenancy.guard(Map.of("CMK_GUARD_MODE", "remediate",
                "CMK_GUARD_KMS_KEY_ID", "ocid1.key.oc1.iad.emuvault1.keydisabled"));
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("NOTIFIED", r.path("action").asText());
        assertTrue(tenancy.writes().isEmpty());
        assertTrue(tenancy.emulator.messages().get(0).path("body").asText()
                .contains("configured remediation key is not usable"));
    }

    @Test
    void conflictOnTheKeyChangeIsReportedAndChangesNothing() {
        tenancy.guard(REMEDIATE);
        tenancy.emulator.faults().add(Fault.on("PUT", "/20160918/volumes/[^/]+/kmsKey")
                .respond(409, "IncorrectState").times(1));
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("REMEDIATION_FAILED", r.path("action").asText(), r.toPrettyString());
        assertEquals("IncorrectState", r.path("error").path("code").asText());
        assertTrue(tenancy.stateOf("volumes", "ocid1.volume.oc1.iad.voloracle").path("kmsKeyId").isMissingNode());
        assertTrue(r.path("notified").asBoolean());
    }

    @Test
    void throttlingIsRetriedBySdk() {
        tenancy.guard(REMEDIATE);
        tenancy.emulator.faults().add(Fault.on("GET", "/20160918/volumes/.*").respond(429, "TooManyRequests").times(1));
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertEquals(429, tenancy.emulator.requests().get(0).status());
    }

    @Test
    void persistentServerFaultEndsAsErrorWithNoWrite() {
        tenancy.guard(REMEDIATE);
        tenancy.emulator.faults().add(Fault.on("GET", "/20160918/volumes/.*").respond(500, "InternalServerError").forever());
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("ERROR", r.path("verdict").asText());
        assertEquals("InternalServerError", r.path("error").path("code").asText());
        assertTrue(r.path("reasons").get(0).asText().contains("nothing was changed"));
        assertTrue(tenancy.writes().isEmpty());
        assertEquals(2, tenancy.emulator.requests().size(), "one try plus one retry");
    }

    @Test
    void keyLookupFaultIsAnErrorNotAVerdict() {
        tenancy.guard(NOTIFY);
        tenancy.emulator.faults().add(Fault.on("GET", "/20180608/keys/.*").respond(500, "InternalServerError").forever());
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--compliant.json");
        assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
        assertTrue(tenancy.emulator.messages().isEmpty());
    }

    @Test
    void notFoundFromTheApiIsNotFound() {
        tenancy.guard(REMEDIATE);
        tenancy.emulator.faults().add(Fault.on("GET", "/20160918/volumes/.*").respond(404, "NotAuthorizedOrNotFound").forever());
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("NOT_FOUND", r.path("verdict").asText());
        assertTrue(tenancy.writes().isEmpty());
    }

    @Test
    void timeoutIsAnError() {
        tenancy.guard(Map.of("CMK_GUARD_MODE", "notify", "CMK_GUARD_OCI_TIMEOUT_SECONDS", "1",
                "CMK_GUARD_RETRY_ATTEMPTS", "1"));
        tenancy.emulator.faults().add(Fault.on("GET", "/20160918/volumes/.*").delay(Duration.ofSeconds(3)).times(1));
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
        assertTrue(tenancy.emulator.messages().isEmpty());
    }

    @Test
    void publishFailureIsReportedInTheResult() {
        tenancy.guard(NOTIFY);
        tenancy.emulator.faults().add(Fault.on("POST", "/20181201/topics/.*").respond(500, "InternalServerError").forever());
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals("LOGGED", r.path("action").asText());
        assertFalse(r.path("notified").asBoolean());
        assertTrue(r.path("error").path("message").asText().contains("could not be published"));
    }

    @Test
    void badInputCallsNothing() {
        tenancy.guard(REMEDIATE);
        JsonNode malformed = tenancy.sendBody("{not json");
        assertEquals("ERROR", malformed.path("verdict").asText());
        assertEquals("MalformedJson", malformed.path("error").path("code").asText());
        JsonNode wrongKind = tenancy.sendBody(TestFiles.read(
                java.nio.file.Path.of("src/test/resources/events/malformed/wrong-id-kind.json")));
        assertEquals("ResourceIdMismatch", wrongKind.path("error").path("code").asText(), wrongKind.toPrettyString());
        JsonNode ignored = tenancy.sendBody("{\"eventType\":\"com.oraclecloud.objectstorage.deletebucket\","
                + "\"eventID\":\"e-1\",\"data\":{\"resourceId\":\"/n/cmkguarddemo/b/\"}}");
        assertEquals("IGNORED", ignored.path("verdict").asText());
        assertTrue(tenancy.emulator.requests().isEmpty(), tenancy.emulator.requests().toString());
    }

    @Test
    void invalidConfigAnswersEveryInvocationWithAllProblemsAndCallsNothing() {
        tenancy.guard(Map.of("CMK_GUARD_MODE", "fix", "CMK_GUARD_REQUIRE_HSM", "perhaps"));
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--oracle-managed.json");
        assertEquals("ERROR", r.path("verdict").asText());
        assertEquals("InvalidConfiguration", r.path("error").path("code").asText());
        assertTrue(r.path("error").path("message").asText().contains("CMK_GUARD_MODE='fix'"));
        assertTrue(r.path("error").path("message").asText().contains("CMK_GUARD_REQUIRE_HSM='perhaps'"));
        assertTrue(tenancy.emulator.requests().isEmpty());
    }

    @Test
    void keyLookupsAreCachedAcrossInvocations() {
        tenancy.guard(NOTIFY);
        tenancy.send("blockvolumes.createvolume.end--compliant.json");
        tenancy.send("blockvolumes.updatevolumekmskey.end--after-remediation.json");
        long keyReads = tenancy.emulator.requests().stream().filter(q -> q.path().startsWith("/20180608/keys/")).count();
        assertEquals(1, keyReads);
    }

    @Test
    void requireHsmFlagsSoftwareKeysAndRemediatesThem() {
        tenancy.guard(Map.of("CMK_GUARD_MODE", "remediate", "CMK_GUARD_KMS_KEY_ID", KEY_HSM,
                "CMK_GUARD_REQUIRE_HSM", "true"));
        JsonNode r = tenancy.send("blockvolumes.createvolume.end--hsm-not-required.json");
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertEquals("ocid1.key.oc1.iad.emuvault1.keysoftware", r.path("kmsKeyIdBefore").asText());
    }
}
