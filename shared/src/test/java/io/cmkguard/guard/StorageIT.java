package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.OciCli;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.RecordedRequest;
import io.cmkguard.emulator.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.cmkguard.guard.EmulatedTenancy.KEY_HSM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15, parts 2 and 3: buckets and file systems through the real SDK clients against the emulator: event ->
 * judged -> remediated -> re-read -> published; the service grants; re-encryption; sweeps; the key watch.
 */
class StorageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> REMEDIATE = Map.of("CMK_GUARD_MODE", "remediate",
            "CMK_GUARD_KMS_KEY_ID", KEY_HSM);
    private static final String NS = "cmkguarddemo";
    private static final String BUCKET_PATH = "/n/" + NS + "/b/";
    private static final String FS = "ocid1.filesystem.oc1.iad.";
    private static final String PROD = "ocid1.compartment.oc1..prod";

    private EmulatedTenancy tenancy;

    @AfterEach
    void close() {
        tenancy.close();
    }

    private EmulatedTenancy tenancy(World world, Map<String, String> config) {
        tenancy = new EmulatedTenancy(world).guard(config);
        return tenancy;
    }

    private JsonNode bucket(String name) {
        for (JsonNode b : tenancy.emulator.dump().path("buckets")) {
            if (b.path("name").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no bucket " + name);
    }

    private List<RecordedRequest> requests(String method, String pathPart) {
        return tenancy.emulator.requests().stream()
                .filter(r -> r.method().equals(method) && r.path().contains(pathPart)).toList();
    }

    @Test
    void aBucketEventWithoutTheBucketNameInItsPathIsFoundRemediatedReReadAndPublished() {
        tenancy(OciEmulator.demoWorld(), REMEDIATE);
        String etagBefore = bucket("logs-bucket").path("etag").asText();
        JsonNode r = tenancy.send("objectstorage.createbucket--oracle-managed.json"); // resourceId "/n/cmkguarddemo/b/"

        assertEquals("bucket", r.path("resourceType").asText(), r.toPrettyString());
        assertEquals(BUCKET_PATH + "logs-bucket", r.path("resourceId").asText());
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertEquals(KEY_HSM, r.path("kmsKeyIdAfter").asText());
        assertEquals(KEY_HSM, bucket("logs-bucket").path("kmsKeyId").asText(), "the emulator holds the new key");
        assertTrue(r.path("workRequestId").isNull(), "re-encryption is opt-in");
        assertTrue(requests("POST", "/actions/reencrypt").isEmpty());
        assertTrue(r.path("reasons").toString().contains("keep their current key until the bucket is re-encrypted"),
                r.path("reasons").toString());
        String fix = r.path("fix").path("command").asText();
        OciCli.check(fix);
        assertTrue(fix.endsWith("oci os bucket reencrypt --namespace-name cmkguarddemo --bucket-name logs-bucket"), fix);
        assertTrue(r.path("fix").path("prerequisite").asText().startsWith("Allow service objectstorage-<region>"));
        assertTrue(r.path("fix").path("consoleUrl").asText().endsWith(
                "/object-storage/buckets/cmkguarddemo/logs-bucket/objects?region=us-ashburn-1"));

        List<RecordedRequest> updates = requests("POST", BUCKET_PATH + "logs-bucket");
        assertEquals(1, updates.size(), "one UpdateBucket: " + updates);
        assertFalse(etagBefore.isBlank());
        assertEquals(1, tenancy.emulator.messages().size());
        assertTrue(tenancy.emulator.messages().get(0).path("body").asText().contains("logs-bucket"));

        JsonNode echo = tenancy.send("objectstorage.createbucket--oracle-managed.json");
        assertEquals("COMPLIANT", echo.path("verdict").asText(), "the second delivery finds it fixed");
        assertEquals(1, tenancy.emulator.messages().size(), "and says nothing more");
    }

    @Test
    void theUpdateIsMadeBehindTheBucketsEtag() {
        tenancy(OciEmulator.demoWorld().withFault(io.cmkguard.emulator.Fault.on("POST", BUCKET_PATH + "logs-bucket")
                .respond(412, "NoEtagMatch").times(1)), REMEDIATE);
        JsonNode r = tenancy.send("objectstorage.createbucket--oracle-managed.json");
        assertEquals("REMEDIATED", r.path("action").asText(), "a moved etag is re-read and tried again: " + r);
        assertEquals(2, requests("POST", BUCKET_PATH + "logs-bucket").size());
    }

    @Test
    void reEncryptionWhenAskedForIsAWorkRequestInTheResult() {
        Map<String, String> config = new HashMap<>(REMEDIATE);
        config.put("CMK_GUARD_REENCRYPT_BUCKETS", "true");
        tenancy(OciEmulator.demoWorld(), config);
        JsonNode r = tenancy.send("objectstorage.createbucket--oracle-managed.json");

        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        String workRequest = r.path("workRequestId").asText();
        assertTrue(workRequest.startsWith("ocid1.objectstorageworkrequest."), r.toPrettyString());
        assertTrue(r.path("reasons").toString().contains("re-encryption of the data written before the key change"
                + " started: work request " + workRequest), r.path("reasons").toString());
        assertEquals(1, requests("POST", BUCKET_PATH + "logs-bucket/actions/reencrypt").size());
    }

    @Test
    void aReplicationDestinationOnTheOracleKeyIsACmkDowngradeNamingItsSource() {
        tenancy(OciEmulator.demoWorld(), REMEDIATE);
        // this delivery's resourceId has no name, and additionalDetails no bucketName: resourceName names it
        JsonNode r = tenancy.send("objectstorage.updatebucket--replication-downgrade.json");

        assertEquals(BUCKET_PATH + "bucketreplica", r.path("resourceId").asText(), r.toPrettyString());
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertTrue(r.path("lineage").path("downgrade").asBoolean(), r.toPrettyString());
        assertEquals(BUCKET_PATH + "bucketcmk", r.path("lineage").path("sourceId").asText());
        assertEquals(KEY_HSM, r.path("lineage").path("sourceKmsKeyId").asText());
        assertTrue(r.path("reasons").get(0).asText().startsWith("CMK downgrade: it was replicated by policy"
                + " bucketcmk-to-bucketreplica from bucket bucketcmk"), r.path("reasons").toString());
        assertEquals("REMEDIATED", r.path("action").asText());
        assertEquals(KEY_HSM, bucket("bucketreplica").path("kmsKeyId").asText());
    }

    @Test
    void aBucketOnTheKeyIsCompliantWithoutAWrite() {
        tenancy(OciEmulator.demoWorld(), REMEDIATE);
        JsonNode r = tenancy.send("objectstorage.createbucket--compliant.json");
        assertEquals("COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
        assertTrue(tenancy.writes().isEmpty(), tenancy.writes().toString());
    }

    @Test
    void aBucketEventThatNamesNoBucketIsAnInputErrorWithoutACall() {
        tenancy(OciEmulator.demoWorld(), REMEDIATE);
        JsonNode r = tenancy.sendBody("{\"eventType\":\"com.oraclecloud.objectstorage.updatebucket\",\"eventID\":\"e-1\","
                + "\"data\":{\"compartmentId\":\"" + PROD + "\",\"resourceId\":\"/n/cmkguarddemo/b/\","
                + "\"additionalDetails\":{\"namespace\":\"cmkguarddemo\"}}}");
        assertEquals("ERROR", r.path("verdict").asText(), r.toPrettyString());
        assertEquals("ResourceIdMismatch", r.path("error").path("code").asText());
        assertTrue(r.path("error").path("message").asText().contains("should name a bucket"), r.toPrettyString());
        assertTrue(tenancy.emulator.requests().isEmpty(), tenancy.emulator.requests().toString());

        JsonNode notAPath = tenancy.sendBody("{\"eventType\":\"com.oraclecloud.objectstorage.updatebucket\","
                + "\"eventID\":\"e-2\",\"data\":{\"compartmentId\":\"" + PROD + "\","
                + "\"resourceId\":\"ocid1.bucket.oc1.iad.x\"}}");
        assertEquals("InvalidResourceId", notAPath.path("error").path("code").asText(), notAPath.toPrettyString());
        assertTrue(tenancy.emulator.requests().isEmpty());
    }

    @Test
    void aSweepReadsTheTenancysNamespaceOnce() throws Exception {
        tenancy(OciEmulator.demoWorld(), Map.of("CMK_GUARD_MODE", "audit"));
        CmkGuard guard = tenancy.another(Map.of("CMK_GUARD_MODE", "audit"));
        for (String compartment : List.of(PROD, "ocid1.compartment.oc1..dev")) {
            guard.handle("{\"sweep\": {\"compartmentId\": \"" + compartment + "\"}}");
        }
        guard.close();
        assertEquals(1, tenancy.emulator.requests().stream().filter(q -> q.path().equals("/n")).count(),
                "GetNamespace is read once for the warm function");
        assertEquals(2, tenancy.emulator.requests().stream().filter(q -> q.path().equals("/n/cmkguarddemo/b"))
                .count(), "ListBuckets once per compartment");
    }

    @Test
    void aRefusedBucketUpdateNamesTheObjectStorageServiceGrantOfTheKeysRegion() {
        tenancy(withoutGrant("objectstorage"), REMEDIATE);
        JsonNode r = tenancy.send("objectstorage.createbucket--oracle-managed.json");
        assertEquals("REMEDIATION_FAILED", r.path("action").asText(), r.toPrettyString());
        assertEquals("MissingKeyGrant", r.path("error").path("code").asText());
        String message = r.path("error").path("message").asText();
        assertTrue(message.contains("Allow service objectstorage-us-ashburn-1 to use keys in compartment <the"
                + " compartment of vault ocid1.vault.oc1.iad.emuvault1.vault> where target.key.id = '" + KEY_HSM + "'"),
                message);
        assertTrue(bucket("logs-bucket").path("kmsKeyId").isMissingNode(), "nothing changed");
    }

    @Test
    void aFileSystemOnTheOracleKeyIsRemediatedReReadAndPublished() {
        tenancy(OciEmulator.demoWorld(), REMEDIATE);
        JsonNode r = tenancy.send("filestorage.createfilesystem--oracle-managed.json");
        assertEquals("file-system", r.path("resourceType").asText(), r.toPrettyString());
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        assertEquals("REMEDIATED", r.path("action").asText(), r.toPrettyString());
        assertEquals(KEY_HSM, tenancy.stateOf("fileSystems", FS + "fsoracle").path("kmsKeyId").asText());
        assertEquals(1, requests("PUT", "/20171215/fileSystems/" + FS + "fsoracle").size());
        String fix = r.path("fix").path("command").asText();
        OciCli.check(fix);
        assertEquals("oci fs file-system update --file-system-id " + FS + "fsoracle --kms-key-id " + KEY_HSM, fix);
        assertTrue(r.path("fix").path("prerequisite").asText().startsWith("Allow service FssOc1Prod to use keys"));
        assertEquals(1, tenancy.emulator.messages().size());
    }

    @Test
    void aCloneWithAnEmptyKeyOfAParentOnACmkIsADowngradeNamingParentAndSnapshot() {
        tenancy(OciEmulator.demoWorld(), REMEDIATE);
        JsonNode r = tenancy.send("filestorage.createfilesystem--clone-downgrade.json");
        assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
        assertTrue(r.path("lineage").path("downgrade").asBoolean());
        assertEquals(FS + "fscmk", r.path("lineage").path("sourceId").asText());
        String reason = r.path("reasons").get(0).asText();
        assertTrue(reason.startsWith("CMK downgrade: it was cloned from snapshot ocid1.snapshot.oc1.iad.snapcmk of"
                + " file system fscmk (" + FS + "fscmk)"), reason);
        assertEquals("REMEDIATED", r.path("action").asText());
    }

    @Test
    void compliantAndMovedFileSystems() {
        tenancy(OciEmulator.demoWorld(), REMEDIATE);
        assertEquals("COMPLIANT", tenancy.send("filestorage.updatefilesystem--compliant.json").path("verdict").asText());
        JsonNode moved = tenancy.send("filestorage.changefilesystemcompartment--oracle-managed.json");
        assertEquals("REMEDIATED", moved.path("action").asText(), moved.toPrettyString());
    }

    @Test
    void aRefusedFileSystemUpdateNamesTheFileStorageServiceGrant() {
        tenancy(withoutGrant("filestorage"), REMEDIATE);
        JsonNode r = tenancy.send("filestorage.createfilesystem--oracle-managed.json");
        assertEquals("MissingKeyGrant", r.path("error").path("code").asText(), r.toPrettyString());
        assertTrue(r.path("error").path("message").asText().contains("Allow service FssOc1Prod to use keys in"),
                r.path("error").path("message").asText());
        assertFalse(tenancy.stateOf("fileSystems", FS + "fsoracle").has("kmsKeyId"));
    }

    @Test
    void aSweepListsBucketsPerCompartmentAndFileSystemsPerAvailabilityDomain() throws Exception {
        World world = OciEmulator.demoWorld().with("fileSystems", fileSystem("fsotherad", "Uocm:US-ASHBURN-AD-2", null));
        tenancy(world, Map.of("CMK_GUARD_MODE", "audit"));
        JsonNode report;
        try (CmkGuard guard = tenancy.another(Map.of("CMK_GUARD_MODE", "audit"))) {
            report = JSON.readTree(guard.handle("{\"sweep\": {\"compartmentId\": \"" + PROD + "\"}}"));
        }

        assertEquals(3, report.path("byType").path("bucket").path("scanned").asInt(), report.toPrettyString());
        assertEquals(2, report.path("byType").path("bucket").path("nonCompliant").asInt());
        assertEquals(5, report.path("byType").path("file-system").path("scanned").asInt());
        assertEquals(4, report.path("byType").path("file-system").path("nonCompliant").asInt());
        List<String> found = new java.util.ArrayList<>();
        report.path("findings").forEach(f -> found.add(f.path("resourceId").asText()));
        assertTrue(found.containsAll(List.of(BUCKET_PATH + "logs-bucket", BUCKET_PATH + "bucketreplica",
                FS + "fsoracle", FS + "fsotherad")), found.toString());
        List<String> listedDomains = tenancy.emulator.requests().stream()
                .filter(q -> q.path().equals("/20171215/fileSystems")).map(RecordedRequest::query).toList();
        assertTrue(listedDomains.stream().anyMatch(q -> q.contains("US-ASHBURN-AD-2")), listedDomains.toString());
        assertTrue(listedDomains.stream().anyMatch(q -> q.contains("US-ASHBURN-AD-1")), listedDomains.toString());
        assertTrue(tenancy.writes().isEmpty(), "an audit sweep writes nothing");
    }

    @Test
    void aDisabledKeyListsTheBucketsAndFileSystemsOnIt() {
        String disabled = "ocid1.key.oc1.iad.emuvault1.keydisabled";
        ObjectNode bucket = JSON.createObjectNode().put("namespace", NS).put("name", "locked-bucket")
                .put("compartmentId", PROD).put("kmsKeyId", disabled);
        World world = OciEmulator.demoWorld().with("buckets", bucket)
                .with("fileSystems", fileSystem("fslocked", "Uocm:US-ASHBURN-AD-1", disabled));
        tenancy(world, Map.of("CMK_GUARD_MODE", "notify"));
        JsonNode r = tenancy.send("keymanagementservice.disablekey.end--in-use.json");

        List<String> affected = new java.util.ArrayList<>();
        r.path("items").forEach(i -> affected.add(i.path("resourceId").asText()));
        assertTrue(affected.containsAll(List.of(BUCKET_PATH + "locked-bucket", FS + "fslocked")), r.toPrettyString());
        assertEquals("NON_COMPLIANT", r.path("verdict").asText());
        String alert = tenancy.emulator.messages().get(0).path("body").asText();
        assertTrue(alert.contains("locked-bucket") && alert.contains("fslocked"), alert);
        assertTrue(tenancy.writes().isEmpty());
    }

    private static World withoutGrant(String keyUser) {
        return OciEmulator.demoWorld().with("missingKeyGrants",
                JSON.createObjectNode().put("keyUser", keyUser).put("keyId", KEY_HSM));
    }

    private static ObjectNode fileSystem(String name, String domain, String kmsKeyId) {
        ObjectNode f = JSON.createObjectNode().put("id", FS + name).put("compartmentId", PROD)
                .put("availabilityDomain", domain).put("displayName", name).put("lifecycleState", "ACTIVE");
        if (kmsKeyId != null) {
            f.put("kmsKeyId", kmsKeyId);
        }
        return f;
    }
}
