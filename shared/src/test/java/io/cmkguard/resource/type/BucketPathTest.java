package io.cmkguard.resource.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.OciCli;
import io.cmkguard.event.OciEvent;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A bucket is its namespace and name: how ids are written, and how an event names one. */
class BucketPathTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static OciEvent event(String resourceId, String resourceName, String details) {
        try {
            JsonNode additional = JSON.readTree(details);
            return new OciEvent("com.oraclecloud.objectstorage.updatebucket", "e-1", "", "ObjectStorage",
                    "ocid1.compartment.oc1..c", "", resourceId, resourceName, "", Map.of(), additional);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // the FNS sample's shape: the path without the name, which additionalDetails and resourceName carry
            "/n/ns/b/|logs|{\"namespace\":\"ns\",\"bucketName\":\"logs\"}|ns|logs",
            "/n/ns/b/logs|logs|{}|ns|logs",
            "/n/ns/b/logs/||{}|ns|logs",
            "/n/ns/b/|logs|{}|ns|logs"})
    void anEventNamesItsBucketByEverythingItCarries(String resourceId, String resourceName, String details,
                                                  String namespace, String name) {
        OciEvent event = event(resourceId == null ? "" : resourceId, resourceName == null ? "" : resourceName, details);
        BucketPath.Named named = BucketPath.of(event);
        assertEquals(namespace, named.namespace());
        assertEquals(name, named.name());
        assertEquals(Optional.of("/n/" + namespace + "/b/" + name), BucketType.TYPE.identity().namedBy(event));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ocid1.bucket.oc1.iad.x||{}|not a bucket path",
            "/n/ns/b/||{\"namespace\":\"ns\"}|names no bucket",
            "/n//b/|logs|{}|give its namespace",
            "/n/ns/b/a|b|{}|two different values for the bucket name",
            "/n/ns/b/|a|{\"namespace\":\"other\"}|two different values for the namespace",
            "/n/ns/b/|..|{}|not a bucket name",
            "/n/ns/b/|a?b|{}|not a bucket name"})
    void anEventThatNamesNoSingleBucketIsRefused(String resourceId, String resourceName, String details, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BucketPath.of(event(resourceId, resourceName == null ? "" : resourceName, details)));
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertEquals(Optional.empty(), BucketType.TYPE.identity().namedBy(event(resourceId,
                resourceName == null ? "" : resourceName, details)));
    }

    @Test
    void idsAreRestPathsWithTheRegionOnlyWhenElsewhere() {
        assertEquals("/n/ns/b/logs", new BucketPath("ns", "logs", "").id());
        assertEquals(Optional.of(new BucketPath("ns", "logs", "us-phoenix-1")), BucketPath.parse("/n/ns/b/logs@us-phoenix-1"));
        assertEquals(Optional.empty(), BucketPath.parse("/n/ns/b/../x"));
        assertEquals(Optional.empty(), BucketPath.parse("ocid1.bucket.oc1.iad.x"));
        ResourceType type = BucketType.TYPE;
        assertTrue(type.identity().owns("/n/ns/b/logs") && !type.identity().owns("ocid1.volume.oc1.iad.x"));
        assertTrue(!BlockVolumeType.TYPE.identity().owns("/n/ns/b/logs"));
        assertEquals(Optional.of("not a bucket path /n/<namespace>/b/<bucket name>"),
                type.identity().resourceIdRule().problem("ocid1.bucket.oc1.iad.x"));
    }

    @Test
    void theFixKeysNewObjectsThenReencryptsTheOldOnesAndTheFindingSaysSo() {
        ResourceType type = BucketType.TYPE;
        Resource elsewhere = new Resource("bucket", "/n/ns/b/logs@us-phoenix-1", "logs", "ocid1.compartment.oc1..c",
                "us-phoenix-1", "AVAILABLE", Encryption.oracleManaged(), List.of(), Optional.empty(), Map.of(), "");
        String fix = type.fixCommand(elsewhere, "ocid1.key.oc1.phx.v.k").orElseThrow();
        OciCli.check(fix);
        assertEquals("oci os bucket update --namespace-name ns --bucket-name logs --region us-phoenix-1 --kms-key-id"
                + " ocid1.key.oc1.phx.v.k && oci os bucket reencrypt --namespace-name ns --bucket-name logs --region"
                + " us-phoenix-1", fix);
        String advice = type.afterKeyChangeAdvice(elsewhere).orElseThrow();
        assertTrue(advice.contains("keep their current key until the bucket is re-encrypted (oci os bucket reencrypt"),
                advice);
        assertEquals("/object-storage/buckets/ns/logs/objects?region=us-phoenix-1", type.consolePath(elsewhere));
        assertTrue(type.prerequisite().orElseThrow().startsWith("Allow service objectstorage-<region> to use keys"));
    }
}
