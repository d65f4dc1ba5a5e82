package io.cmkguard.fn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fnproject.fn.testing.FnTestingRule;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.util.List;
import java.util.Map;

import static io.cmkguard.fn.DemoTenancy.KEY_HSM;
import static io.cmkguard.fn.FnResults.configure;
import static io.cmkguard.fn.FnResults.enqueueSamples;
import static io.cmkguard.fn.FnResults.results;
import static io.cmkguard.fn.FnResults.text;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/** Issue 15: a bucket event and a file system event through the real FDK runtime, remediated in one warm container. */
public class StorageFunctionIT {
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
    public void aBucketAndAFileSystemOnTheOracleKeyAreRemediatedAndTheirEchoesEndCompliant() {
        Map<String, String> config = tenancy.config("remediate");
        config.put("CMK_GUARD_REENCRYPT_BUCKETS", "true");
        configure(fn, config);
        enqueueSamples(fn, "objectstorage.createbucket--oracle-managed.json",
                "filestorage.createfilesystem--clone-downgrade.json",
                "objectstorage.createbucket--oracle-managed.json", // the echo of cmk-guard's own UpdateBucket
                "filestorage.createfilesystem--clone-downgrade.json");
        fn.thenRun(CmkGuardFunction.class, "handleRequest");

        List<JsonNode> results = results(fn);
        JsonNode bucket = results.get(0);
        assertEquals("/n/cmkguarddemo/b/logs-bucket", text(bucket, "resourceId"));
        assertEquals("REMEDIATED", text(bucket, "action"));
        assertEquals(KEY_HSM, text(bucket, "kmsKeyIdAfter"));
        assertTrue(bucket.toString(), text(bucket, "workRequestId").startsWith("ocid1.objectstorageworkrequest."));

        JsonNode clone = results.get(1);
        assertEquals("file-system", text(clone, "resourceType"));
        assertEquals("REMEDIATED", text(clone, "action"));
        assertTrue(clone.path("lineage").path("downgrade").asBoolean());

        assertEquals("COMPLIANT", text(results.get(2), "verdict"));
        assertEquals("COMPLIANT", text(results.get(3), "verdict"));
        assertEquals("one message per remediation, none for the echoes", 2, tenancy.emulator.messages().size());
    }
}
