package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.ObjectStorageClient;
import com.oracle.bmc.objectstorage.model.ListObjects;
import com.oracle.bmc.objectstorage.model.ObjectSummary;
import com.oracle.bmc.objectstorage.requests.DeleteObjectRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.HeadObjectRequest;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.objectstorage.responses.GetObjectResponse;
import com.oracle.bmc.objectstorage.responses.HeadObjectResponse;
import com.oracle.bmc.objectstorage.responses.PutObjectResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.cmkguard.emulator.StorageRoutesTest.NAMESPACE;
import static org.junit.jupiter.api.Assertions.*;

/** Object Storage objects (put, get, head, list, delete) through the real ObjectStorageClient, request-signed. */
class ObjectRoutesTest {
    static final String BUCKET = "plain";
    static final String PART = "sweeps/sweep-1/parts/0001.json";

    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;
    private OciEmulator emulator;
    private ObjectStorageClient client;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @BeforeEach
    void start() {
        start(StorageRoutesTest.world());
    }

    private void start(World world) {
        emulator = OciEmulator.start(world, EmulatorOptions.trusting(keys.publicKey()));
        client = ObjectStorageClient.builder().configuration(Sdk.noRetry()).endpoint(emulator.baseUrl()).build(auth);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void anObjectWhoseNameHoldsSlashesIsPutThenReadBackWithItsHeaders() throws Exception {
        String body = "{\"part\": 1, \"name\": \"café\"}";
        PutObjectResponse put = put(PART, body, null, null);
        assertNotNull(put.getETag());
        assertEquals(md5(body), put.getOpcContentMd5());
        assertNotNull(put.getLastModified());

        GetObjectResponse got = client.getObject(GetObjectRequest.builder().namespaceName(NAMESPACE).bucketName(BUCKET)
                .objectName(PART).build());
        assertEquals(body, text(got.getInputStream()));
        assertEquals(put.getETag(), got.getETag());
        assertEquals("application/json", got.getContentType());
        assertEquals(body.getBytes(StandardCharsets.UTF_8).length, got.getContentLength());
        assertEquals(md5(body), got.getContentMd5());
        assertEquals(Map.of("sweep", "sweep-1"), got.getOpcMeta());

        HeadObjectResponse head = client.headObject(HeadObjectRequest.builder().namespaceName(NAMESPACE)
                .bucketName(BUCKET).objectName(PART).build());
        assertEquals(put.getETag(), head.getETag());
        assertEquals(body.getBytes(StandardCharsets.UTF_8).length, head.getContentLength());
        assertEquals("application/json", head.getContentType());

        ObjectNode dumped = emulator.objects().get(0);
        assertEquals(NAMESPACE, dumped.get("namespace").asText());
        assertEquals(BUCKET, dumped.get("bucket").asText());
        assertEquals(PART, dumped.get("name").asText());
        assertEquals(body, dumped.get("content").asText());
        assertEquals(put.getETag(), dumped.get("etag").asText());
        assertEquals(body.getBytes(StandardCharsets.UTF_8).length, dumped.get("size").asInt());
        assertEquals(emulator.objects(), listOf(emulator.dump().get("objects")));
        RecordedRequest recorded = emulator.requests().get(0);
        assertEquals("PUT", recorded.method());
        assertEquals("/n/" + NAMESPACE + "/b/" + BUCKET + "/o/" + PART, recorded.path());
    }

    @Test
    void ifNoneMatchStarCreatesOnlyAndIfMatchReplacesOnlyTheCurrentVersion() {
        PutObjectResponse first = put("digest.json", "first", "*", null);
        BmcException exists = Sdk.assertFails(412, "IfNoneMatchFailed", () -> put("digest.json", "second", "*", null));
        assertTrue(exists.getMessage().contains("digest.json"), exists.getMessage());
        assertEquals("first", content("digest.json"));

        Sdk.assertFails(412, "IfMatchFailed", () -> put("digest.json", "stale", null, "not-the-etag"));
        PutObjectResponse replaced = put("digest.json", "replaced", null, first.getETag());
        assertNotEquals(first.getETag(), replaced.getETag());
        assertEquals("replaced", content("digest.json"));
        Sdk.assertFails(412, "IfMatchFailed", () -> put("digest.json", "late", null, first.getETag()));
        Sdk.assertFails(412, "IfMatchFailed", () -> put("absent.json", "x", null, first.getETag()));
        assertEquals("replaced", content("digest.json"));
    }

    @Test
    void ofConcurrentCreatesOfOneNameExactlyOneWins() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                String body = "invocation-" + i;
                Callable<Integer> race = () -> {
                    go.await();
                    try {
                        put("sweeps/sweep-1/digest", body, "*", null);
                        return 200;
                    } catch (BmcException e) {
                        assertEquals("IfNoneMatchFailed", e.getServiceCode());
                        return e.getStatusCode();
                    }
                };
                outcomes.add(pool.submit(race));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(racers - 1, statuses.stream().filter(s -> s == 412).count(), statuses.toString());
            assertEquals(1, emulator.objects().size());
            assertTrue(content("sweeps/sweep-1/digest").startsWith("invocation-"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void objectsAreListedInNameOrderByPrefixStartEndAndPagedByNextStartWith() {
        for (String name : List.of("sweeps/b/parts/0002.json", "sweeps/b/parts/0001.json", "sweeps/a/report.json",
                "sweeps/b/parts/0003.json", "sweeps/b/report.json", "other.txt")) {
            put(name, name, null, null);
        }
        ListObjects first = list(ListObjectsRequest.builder().prefix("sweeps/b/").limit(2));
        assertEquals(List.of("sweeps/b/parts/0001.json", "sweeps/b/parts/0002.json"), names(first));
        assertEquals("sweeps/b/parts/0003.json", first.getNextStartWith());
        assertNull(first.getObjects().get(0).getSize(), "only the name unless fields asks for more");
        ListObjects second = list(ListObjectsRequest.builder().prefix("sweeps/b/").limit(2)
                .start(first.getNextStartWith()).fields("name,size,etag,md5,timeCreated"));
        assertEquals(List.of("sweeps/b/parts/0003.json", "sweeps/b/report.json"), names(second));
        assertNull(second.getNextStartWith());
        ObjectSummary summary = second.getObjects().get(1);
        assertEquals("sweeps/b/report.json".length(), summary.getSize());
        assertEquals(md5("sweeps/b/report.json"), summary.getMd5());
        assertNotNull(summary.getEtag());
        assertNotNull(summary.getTimeCreated());

        assertEquals(List.of("sweeps/a/report.json", "sweeps/b/parts/0001.json"),
                names(list(ListObjectsRequest.builder().start("sweeps/").end("sweeps/b/parts/0002.json"))));
        ListObjects folders = list(ListObjectsRequest.builder().prefix("sweeps/").delimiter("/"));
        assertEquals(List.of(), names(folders));
        assertEquals(List.of("sweeps/a/", "sweeps/b/"), folders.getPrefixes());
        ListObjects top = list(ListObjectsRequest.builder().delimiter("/"));
        assertEquals(List.of("other.txt"), names(top));
        assertEquals(List.of("sweeps/"), top.getPrefixes());
        assertEquals(6, names(list(ListObjectsRequest.builder())).size());

        Sdk.assertFails(400, "InvalidParameter", () -> list(ListObjectsRequest.builder().limit(1001)));
        Sdk.assertFails(400, "InvalidParameter", () -> list(ListObjectsRequest.builder().delimiter(",")));
        Sdk.assertFails(400, "InvalidParameter", () -> list(ListObjectsRequest.builder().fields("owner")));
    }

    @Test
    void anUnknownBucketOrObjectIsOcisNotFound() {
        Sdk.assertFails(404, "BucketNotFound", () -> client.putObject(PutObjectRequest.builder().namespaceName(NAMESPACE)
                .bucketName("nope").objectName("a").putObjectBody(stream("x")).build()));
        Sdk.assertFails(404, "BucketNotFound", () -> list(ListObjectsRequest.builder().bucketName("nope")));
        Sdk.assertFails(404, "ObjectNotFound", () -> content("absent.json"));
        BmcException head = assertThrows(BmcException.class, () -> client.headObject(HeadObjectRequest.builder()
                .namespaceName(NAMESPACE).bucketName(BUCKET).objectName("absent.json").build()));
        assertEquals(404, head.getStatusCode());
        assertTrue(emulator.objects().isEmpty());
    }

    @Test
    void aDeleteRemovesTheObjectUnlessItsIfMatchIsStale() {
        PutObjectResponse put = put("old.json", "old", null, null);
        Sdk.assertFails(412, "IfMatchFailed", () -> client.deleteObject(DeleteObjectRequest.builder()
                .namespaceName(NAMESPACE).bucketName(BUCKET).objectName("old.json").ifMatch("stale").build()));
        assertEquals("old", content("old.json"));
        client.deleteObject(DeleteObjectRequest.builder().namespaceName(NAMESPACE).bucketName(BUCKET)
                .objectName("old.json").ifMatch(put.getETag()).build());
        Sdk.assertFails(404, "ObjectNotFound", () -> content("old.json"));
        Sdk.assertFails(404, "ObjectNotFound", () -> client.deleteObject(DeleteObjectRequest.builder()
                .namespaceName(NAMESPACE).bucketName(BUCKET).objectName("old.json").build()));
    }

    @Test
    void aBodyThatDoesNotMatchItsContentMd5IsRefused() {
        Sdk.assertFails(400, "UnmatchedContentMD5", () -> client.putObject(PutObjectRequest.builder()
                .namespaceName(NAMESPACE).bucketName(BUCKET).objectName("a.json").contentMD5(md5("other"))
                .putObjectBody(stream("body")).build()));
        assertTrue(emulator.objects().isEmpty());
    }

    @Test
    void aWorldsObjectsAreServedAndADumpLoadsBackWithThem() {
        PutObjectResponse put = put(PART, "{\"part\":1}", null, null);
        byte[] binary = {(byte) 0xff, 0, (byte) 0xfe};
        client.putObject(PutObjectRequest.builder().namespaceName(NAMESPACE).bucketName(BUCKET).objectName("blob")
                .putObjectBody(new ByteArrayInputStream(binary)).contentLength((long) binary.length).build());
        World reloaded = World.parse(Json.write(emulator.dump()));
        stop();
        start(reloaded);
        GetObjectResponse got = client.getObject(GetObjectRequest.builder().namespaceName(NAMESPACE).bucketName(BUCKET)
                .objectName(PART).build());
        assertEquals("{\"part\":1}", text(got.getInputStream()));
        assertEquals(put.getETag(), got.getETag());
        assertEquals(Base64.getEncoder().encodeToString(binary), emulator.objects().get(0).get("contentBase64").asText());
        assertArrayEquals(binary, bytes(client.getObject(GetObjectRequest.builder().namespaceName(NAMESPACE)
                .bucketName(BUCKET).objectName("blob").build()).getInputStream()));
    }

    @Test
    void aWorldObjectOutsideTheWorldsBucketsIsRefused() {
        ObjectNode world = StorageRoutesTest.world().toJson();
        ObjectNode object = world.putArray("objects").addObject();
        object.put("namespace", NAMESPACE);
        object.put("bucket", "nope");
        object.put("name", "a");
        object.put("content", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> World.parse(Json.write(world)));
        assertTrue(e.getMessage().contains("objects[0]") && e.getMessage().contains("nope"), e.getMessage());
        object.put("bucket", BUCKET);
        object.remove("content");
        e = assertThrows(IllegalArgumentException.class, () -> World.parse(Json.write(world)));
        assertTrue(e.getMessage().contains("content"), e.getMessage());
    }

    private PutObjectResponse put(String name, String body, String ifNoneMatch, String ifMatch) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return client.putObject(PutObjectRequest.builder().namespaceName(NAMESPACE).bucketName(BUCKET).objectName(name)
                .contentType("application/json").opcMeta(Map.of("sweep", "sweep-1"))
                .ifNoneMatch(ifNoneMatch).ifMatch(ifMatch)
                .putObjectBody(new ByteArrayInputStream(bytes)).contentLength((long) bytes.length).build());
    }

    private String content(String name) {
        return text(client.getObject(GetObjectRequest.builder().namespaceName(NAMESPACE).bucketName(BUCKET)
                .objectName(name).build()).getInputStream());
    }

    private ListObjects list(ListObjectsRequest.Builder request) {
        ListObjectsRequest built = request.namespaceName(NAMESPACE).build();
        if (built.getBucketName() == null) {
            built = built.toBuilder().bucketName(BUCKET).build();
        }
        return client.listObjects(built).getListObjects();
    }

    private static List<String> names(ListObjects list) {
        return list.getObjects().stream().map(ObjectSummary::getName).toList();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(InputStream in) {
        return new String(bytes(in), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<ObjectNode> listOf(com.fasterxml.jackson.databind.JsonNode array) {
        List<ObjectNode> list = new ArrayList<>();
        array.forEach(n -> list.add((ObjectNode) n));
        return list;
    }

    static String md5(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
