package io.cmkguard.emulator;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.model.UpdateVolumeKmsKeyDetails;
import com.oracle.bmc.core.requests.GetVolumeRequest;
import com.oracle.bmc.core.requests.UpdateVolumeKmsKeyRequest;
import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.retrier.RetryConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.cmkguard.emulator.TestWorld.*;
import static org.junit.jupiter.api.Assertions.*;

class FaultsTest {
    private static final String KMS_KEY_PATHS = "/20160918/volumes/[^/]+/kmsKey";

    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @Test
    void tooManyRequestsOnceThenTheRetrySucceeds() {
        try (OciEmulator emulator = start(TestWorld.world());
             BlockstorageClient client = Sdk.blockstorage(emulator, auth, Sdk.attempts(2))) {
            emulator.faults().add(Fault.on("PUT", KMS_KEY_PATHS).respond(429, "TooManyRequests").times(1));
            client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder().volumeId(VOLUME_ORACLE_KEY)
                    .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(KEY).build())
                    .build());
            assertEquals(List.of(429, 200), statuses(emulator));
            assertEquals(KEY, emulator.dump().get("volumes").get(0).get("kmsKeyId").asText());
            assertTrue(emulator.faults().active().isEmpty(), "a fault with times(1) is used up");
        }
    }

    @Test
    void internalErrorForeverExhaustsTheRetries() {
        try (OciEmulator emulator = start(TestWorld.world());
             BlockstorageClient client = Sdk.blockstorage(emulator, auth, Sdk.attempts(2))) {
            emulator.faults().add(Fault.on("GET", "/20160918/volumes/.*").respond(500, "InternalServerError")
                    .message("disk on fire"));
            BmcException e = Sdk.assertFails(500, "InternalServerError",
                    () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build()));
            assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
            assertEquals(List.of(500, 500), statuses(emulator));
            assertEquals(Fault.FOREVER, emulator.faults().active().get(0).times());

            emulator.faults().clear();
            assertEquals(VOLUME_CMK, client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build())
                    .getVolume().getId());
        }
    }

    @Test
    void delayedAnswerTimesTheClientOutButIsStillRecorded() throws InterruptedException {
        try (OciEmulator emulator = start(TestWorld.world());
             BlockstorageClient client = Sdk.blockstorage(emulator, auth,
                     Sdk.configuration(RetryConfiguration.NO_RETRY_CONFIGURATION, 300))) {
            emulator.faults().add(Fault.on("GET", ".*").delay(Duration.ofMillis(1200)).times(1));
            long start = System.nanoTime();
            assertThrows(BmcException.class,
                    () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build()));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1100, "the client timed out first");
            for (int i = 0; i < 40 && emulator.requests().isEmpty(); i++) {
                Thread.sleep(50);
            }
            assertEquals(List.of(200), statuses(emulator), "a delay-only fault answers normally, late");
        }
    }

    @Test
    void latencyOptionSlowsEveryRequest() {
        EmulatorOptions slow = EmulatorOptions.trusting(keys.publicKey()).withLatency(Duration.ofMillis(250));
        try (OciEmulator emulator = OciEmulator.start(TestWorld.world(), slow);
             BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build()); // warm the connection
            long start = System.nanoTime();
            client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 250);
        }
    }

    @Test
    void worldFileFaultsAreArmedAtStart() {
        World world = World.parse(TestWorld.JSON.replaceFirst("\\{", "{\"faults\": [{\"method\": \"GET\", "
                + "\"pathRegex\": \"/20160918/volumes/.*\", \"status\": 503, \"code\": \"ServiceUnavailable\", "
                + "\"times\": 1}],"));
        try (OciEmulator emulator = start(world);
             BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            Sdk.assertFails(503, "ServiceUnavailable",
                    () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build()));
            assertEquals(VOLUME_CMK, client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build())
                    .getVolume().getId());
        }
    }

    @Test
    void lostAnswerAppliesTheWriteThenFailsItSoASdkRetryMeetsTheNewEtag() {
        try (OciEmulator emulator = start(TestWorld.world());
             BlockstorageClient client = Sdk.blockstorage(emulator, auth, Sdk.attempts(2))) {
            String etag = client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ORACLE_KEY).build()).getEtag();
            emulator.faults().add(Fault.on("PUT", KMS_KEY_PATHS).respond(500, "InternalServerError").lostAnswer()
                    .times(1));
            Sdk.assertFails(412, "NoEtagMatch", () -> client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder()
                    .volumeId(VOLUME_ORACLE_KEY).ifMatch(etag)
                    .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(KEY).build()).build()));
            assertEquals(List.of(200, 500, 412), statuses(emulator), "the write landed, its answer was lost");
            assertEquals(KEY, client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_ORACLE_KEY).build())
                    .getVolume().getKmsKeyId());
        }
    }

    @Test
    void okWithAnErrorBodyIsAnsweredAsIs() {
        try (OciEmulator emulator = start(TestWorld.world());
             BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            emulator.faults().add(Fault.on("GET", "/20160918/volumes/.*").respond(200, "InternalServerError")
                    .times(1));
            var volume = client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build()).getVolume();
            assertNull(volume.getId(), "the SDK maps the error body onto an empty volume");
            assertEquals(List.of(200), statuses(emulator));
        }
    }

    @Test
    void lostAnswerFaultsRoundTripThroughTheWorldFormat() {
        Fault fault = Fault.on("POST", "/20181201/topics/.*").respond(503, "ServiceUnavailable").lostAnswer();
        assertTrue(fault.applyFirst());
        assertEquals(fault, Fault.fromJson(fault.toJson()));
        assertFalse(Fault.fromJson(Fault.on("GET", ".*").toJson()).applyFirst());
    }

    @Test
    void faultsMatchMethodAndWholePath() {
        Fault fault = Fault.on("PUT", KMS_KEY_PATHS).respond(409, "IncorrectState");
        assertTrue(fault.matches("put", "/20160918/volumes/ocid1.volume.oc1..a/kmsKey"));
        assertFalse(fault.matches("GET", "/20160918/volumes/ocid1.volume.oc1..a/kmsKey"));
        assertFalse(fault.matches("PUT", "/20160918/volumes/ocid1.volume.oc1..a"));
        assertThrows(IllegalArgumentException.class, () -> Fault.on("GET", "("));
        assertEquals(fault, Fault.fromJson(fault.toJson()));
    }

    private static OciEmulator start(World world) {
        return OciEmulator.start(world, EmulatorOptions.trusting(keys.publicKey()));
    }

    private static List<Integer> statuses(OciEmulator emulator) {
        return emulator.requests().stream().map(RecordedRequest::status).toList();
    }
}
