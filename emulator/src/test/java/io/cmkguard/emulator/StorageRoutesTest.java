package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.filestorage.FileStorageClient;
import com.oracle.bmc.filestorage.model.FileSystem;
import com.oracle.bmc.filestorage.model.FileSystemSummary;
import com.oracle.bmc.filestorage.model.UpdateFileSystemDetails;
import com.oracle.bmc.filestorage.requests.GetFileSystemRequest;
import com.oracle.bmc.filestorage.requests.ListFileSystemsRequest;
import com.oracle.bmc.filestorage.requests.UpdateFileSystemRequest;
import com.oracle.bmc.identity.IdentityClient;
import com.oracle.bmc.identity.model.AvailabilityDomain;
import com.oracle.bmc.identity.requests.ListAvailabilityDomainsRequest;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.model.Bucket;
import com.oracle.bmc.objectstorage.model.BucketSummary;
import com.oracle.bmc.objectstorage.model.ReplicationSource;
import com.oracle.bmc.objectstorage.model.UpdateBucketDetails;
import com.oracle.bmc.objectstorage.requests.GetBucketRequest;
import com.oracle.bmc.objectstorage.requests.GetNamespaceRequest;
import com.oracle.bmc.objectstorage.requests.ListBucketsRequest;
import com.oracle.bmc.objectstorage.requests.ListReplicationSourcesRequest;
import com.oracle.bmc.objectstorage.requests.ReencryptBucketRequest;
import com.oracle.bmc.objectstorage.requests.UpdateBucketRequest;
import com.oracle.bmc.objectstorage.responses.GetBucketResponse;
import com.oracle.bmc.objectstorage.responses.ListBucketsResponse;
import com.oracle.bmc.objectstorage.responses.ReencryptBucketResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.cmkguard.emulator.TestWorld.*;
import static org.junit.jupiter.api.Assertions.*;

/** Object Storage, File Storage and availability-domain routes, driven by the real SDK clients. */
class StorageRoutesTest {
    static final String NAMESPACE = "testns";
    static final String FS_ORACLE = "ocid1.filesystem.oc1.iad.oraclekey";
    static final String FS_CLONE = "ocid1.filesystem.oc1.iad.clone";

    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;
    private OciEmulator emulator;
    private ObjectStorageClient objectStorage;
    private FileStorageClient fileStorage;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @BeforeEach
    void start() {
        start(world());
    }

    private void start(World world) {
        emulator = OciEmulator.start(world, EmulatorOptions.trusting(keys.publicKey()));
        objectStorage = ObjectStorageClient.builder().configuration(Sdk.noRetry()).endpoint(emulator.baseUrl()).build(auth);
        fileStorage = FileStorageClient.builder().configuration(Sdk.noRetry()).endpoint(emulator.baseUrl()).build(auth);
    }

    @AfterEach
    void stop() {
        objectStorage.close();
        fileStorage.close();
        emulator.close();
    }

    static World world() {
        World world = TestWorld.world();
        ObjectNode namespaced = world.toJson();
        namespaced.put("namespace", NAMESPACE);
        return World.parse(Json.write(namespaced))
                .with("buckets", bucket("plain", COMPARTMENT, null), bucket("cmk", COMPARTMENT, KEY),
                        bucket("elsewhere", OTHER_COMPARTMENT, null), replicaDestination())
                .with("fileSystems", fileSystem(FS_ORACLE, AD1, null), fileSystem("ocid1.filesystem.oc1.iad.cmk", AD1, KEY),
                        fileSystem(FS_CLONE, AD2, ""));
    }

    static ObjectNode bucket(String name, String compartment, String kmsKeyId) {
        ObjectNode b = Json.object();
        b.put("namespace", NAMESPACE);
        b.put("name", name);
        b.put("compartmentId", compartment);
        b.put("id", "ocid1.bucket.oc1.iad." + name);
        b.putObject("freeformTags").put("team", "storage");
        if (kmsKeyId != null) {
            b.put("kmsKeyId", kmsKeyId);
        }
        return b;
    }

    static ObjectNode replicaDestination() {
        ObjectNode b = bucket("replica", COMPARTMENT, null);
        b.put("isReadOnly", true);
        ObjectNode source = b.putArray("replicationSources").addObject();
        source.put("policyName", "to-iad");
        source.put("sourceRegionName", "us-phoenix-1");
        source.put("sourceBucketName", "cmk");
        return b;
    }

    static ObjectNode fileSystem(String id, String ad, String kmsKeyId) {
        ObjectNode f = Json.object();
        f.put("id", id);
        f.put("compartmentId", COMPARTMENT);
        f.put("availabilityDomain", ad);
        f.put("displayName", id.substring(id.lastIndexOf('.') + 1));
        f.put("lifecycleState", "ACTIVE");
        if (kmsKeyId != null) {
            f.put("kmsKeyId", kmsKeyId);
        }
        return f;
    }

    @Test
    void namespaceIsTheWorlds() {
        assertEquals(NAMESPACE, objectStorage.getNamespace(GetNamespaceRequest.builder().build()).getValue());
    }

    @Test
    void bucketsAreListedPerCompartmentPageByPageWithTagsOnlyWhenAsked() {
        ListBucketsResponse first = objectStorage.listBuckets(ListBucketsRequest.builder().namespaceName(NAMESPACE)
                .compartmentId(COMPARTMENT).limit(2).build());
        assertEquals(List.of("plain", "cmk"), first.getItems().stream().map(BucketSummary::getName).toList());
        assertNull(first.getItems().get(0).getFreeformTags());
        assertNotNull(first.getItems().get(0).getEtag());
        ListBucketsResponse second = objectStorage.listBuckets(ListBucketsRequest.builder().namespaceName(NAMESPACE)
                .compartmentId(COMPARTMENT).limit(2).page(first.getOpcNextPage())
                .fields(List.of(ListBucketsRequest.Fields.Tags)).build());
        assertEquals(List.of("replica"), second.getItems().stream().map(BucketSummary::getName).toList());
        assertEquals("storage", second.getItems().get(0).getFreeformTags().get("team"));
        assertNull(second.getOpcNextPage());
        Sdk.assertFails(400, "MissingParameter", () -> objectStorage.listBuckets(
                ListBucketsRequest.builder().namespaceName(NAMESPACE).compartmentId(" ").build()));
    }

    @Test
    void updateBucketSetsTheKeyBehindItsEtagAndAnEmptyKeyPutsItBackOnTheOracleKey() {
        GetBucketResponse before = get("plain");
        assertNull(before.getBucket().getKmsKeyId());
        assertEquals(before.getBucket().getEtag(), before.getETag());
        Sdk.assertFails(412, "NoEtagMatch", () -> update("plain", KEY, "not-the-etag"));
        Bucket updated = update("plain", KEY, before.getETag());
        assertEquals(KEY, updated.getKmsKeyId());
        GetBucketResponse after = get("plain");
        assertEquals(KEY, after.getBucket().getKmsKeyId());
        assertNotEquals(before.getETag(), after.getETag());
        assertNull(update("plain", "", null).getKmsKeyId());
        Sdk.assertFails(409, "IncorrectState", () -> update("plain", DISABLED_KEY, null));
        Sdk.assertFails(404, "BucketNotFound", () -> get("nosuchbucket"));
    }

    @Test
    void objectStorageMayNotUseAKeyTheWorldDeniesIt() {
        stop();
        start(world().with(KeyGrants.WORLD_KEY, KeyGrants.entry(KeyGrants.OBJECT_STORAGE, KEY)));
        Sdk.assertFails(404, "NotAuthorizedOrFoundKmsKey", () -> update("plain", KEY, null));
        assertNull(get("plain").getBucket().getKmsKeyId());
    }

    @Test
    void reencryptionIsAWorkRequestOnABucketWithAKey() {
        ReencryptBucketResponse started = objectStorage.reencryptBucket(ReencryptBucketRequest.builder()
                .namespaceName(NAMESPACE).bucketName("cmk").build());
        assertTrue(started.getOpcWorkRequestId().startsWith("ocid1.objectstorageworkrequest."));
        assertEquals(202, started.get__httpStatusCode__());
        Sdk.assertFails(400, "InvalidParameter", () -> objectStorage.reencryptBucket(ReencryptBucketRequest.builder()
                .namespaceName(NAMESPACE).bucketName("plain").build()));
    }

    @Test
    void aReplicationDestinationNamesItsSourceAndItsBucketAnswerDoesNot() {
        List<ReplicationSource> sources = objectStorage.listReplicationSources(ListReplicationSourcesRequest.builder()
                .namespaceName(NAMESPACE).bucketName("replica").build()).getItems();
        assertEquals(1, sources.size());
        assertEquals("cmk", sources.get(0).getSourceBucketName());
        assertEquals("us-phoenix-1", sources.get(0).getSourceRegionName());
        assertTrue(get("replica").getBucket().getIsReadOnly());
        assertEquals("cmk", emulator.dump().get("buckets").get(3).get("replicationSources").get(0)
                .get("sourceBucketName").asText());
        assertTrue(objectStorage.listReplicationSources(ListReplicationSourcesRequest.builder()
                .namespaceName(NAMESPACE).bucketName("plain").build()).getItems().isEmpty());
    }

    @Test
    void fileSystemsAreListedPerAvailabilityDomainAndUpdatedBehindTheirEtag() throws Exception {
        List<FileSystemSummary> inAd1 = fileStorage.listFileSystems(ListFileSystemsRequest.builder()
                .compartmentId(COMPARTMENT).availabilityDomain(AD1).build()).getItems();
        assertEquals(List.of(FS_ORACLE, "ocid1.filesystem.oc1.iad.cmk"), inAd1.stream().map(FileSystemSummary::getId).toList());
        // the SDK itself refuses to send a ListFileSystems without availabilityDomain; OCI would answer 400
        RawRequests raw = new RawRequests(emulator);
        java.net.http.HttpResponse<String> noDomain = raw.send(raw.signed("GET",
                "/20171215/fileSystems?compartmentId=" + COMPARTMENT, keys.keyId(), keys.privateKey()));
        assertEquals(400, noDomain.statusCode());
        assertTrue(noDomain.body().contains("availabilityDomain"), noDomain.body());

        String etag = fileStorage.getFileSystem(GetFileSystemRequest.builder().fileSystemId(FS_ORACLE).build()).getEtag();
        Sdk.assertFails(412, "NoEtagMatch", () -> updateFs(FS_ORACLE, KEY, "stale"));
        FileSystem updated = updateFs(FS_ORACLE, KEY, etag);
        assertEquals(KEY, updated.getKmsKeyId());
        assertEquals(KEY, fileStorage.getFileSystem(GetFileSystemRequest.builder().fileSystemId(FS_ORACLE).build())
                .getFileSystem().getKmsKeyId());
        assertEquals("", updateFs(FS_ORACLE, "", null).getKmsKeyId());
    }

    @Test
    void fileStorageMayNotUseAKeyTheWorldDeniesIt() {
        stop();
        start(world().with(KeyGrants.WORLD_KEY, KeyGrants.entry(KeyGrants.FILE_STORAGE, KEY)));
        Sdk.assertFails(404, "NotAuthorizedOrFoundKmsKey", () -> updateFs(FS_ORACLE, KEY, null));
    }

    @Test
    void availabilityDomainsAreThoseTheWorldsResourcesName() {
        try (IdentityClient identity = IdentityClient.builder().configuration(Sdk.noRetry())
                .endpoint(emulator.baseUrl()).build(auth)) {
            List<AvailabilityDomain> domains = identity.listAvailabilityDomains(ListAvailabilityDomainsRequest.builder()
                    .compartmentId(SigningKeys.TENANCY).build()).getItems();
            List<String> names = domains.stream().map(AvailabilityDomain::getName).toList();
            assertTrue(names.containsAll(List.of(AD1, AD2)), names.toString()); // and the replicas' PHX one
            assertEquals(names.stream().distinct().sorted().toList(), names);
            assertEquals(SigningKeys.TENANCY, domains.get(0).getCompartmentId());
        }
    }

    @Test
    void aDumpKeepsTheNamespaceAndBothCollectionsAndLoadsBack() {
        ObjectNode dump = emulator.dump();
        assertEquals(NAMESPACE, dump.get("namespace").asText());
        assertEquals(4, dump.get("buckets").size());
        assertEquals(3, dump.get("fileSystems").size());
        assertEquals(4, World.parse(Json.write(dump)).resources("buckets").size());
    }

    @Test
    void aWorldBucketNeedsItsNamespaceAndNameAndTheyAreUnique() {
        ObjectNode nameless = bucket("x", COMPARTMENT, null);
        nameless.remove("namespace");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> World.empty().with("buckets", nameless));
        assertTrue(e.getMessage().contains("has no \"namespace\" or \"name\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> World.empty().with("buckets",
                bucket("x", COMPARTMENT, null), bucket("x", OTHER_COMPARTMENT, null)));
        assertThrows(IllegalArgumentException.class, () -> World.parse("{\"namespace\": 3}"));
    }

    private GetBucketResponse get(String name) {
        return objectStorage.getBucket(GetBucketRequest.builder().namespaceName(NAMESPACE).bucketName(name).build());
    }

    private Bucket update(String name, String kmsKeyId, String ifMatch) {
        return objectStorage.updateBucket(UpdateBucketRequest.builder().namespaceName(NAMESPACE).bucketName(name)
                .ifMatch(ifMatch).updateBucketDetails(UpdateBucketDetails.builder().kmsKeyId(kmsKeyId).build())
                .build()).getBucket();
    }

    private FileSystem updateFs(String id, String kmsKeyId, String ifMatch) {
        return fileStorage.updateFileSystem(UpdateFileSystemRequest.builder().fileSystemId(id).ifMatch(ifMatch)
                .updateFileSystemDetails(UpdateFileSystemDetails.builder().kmsKeyId(kmsKeyId).build()).build())
                .getFileSystem();
    }
}
