package io.cmkguard.emulator;

import com.oracle.bmc.auth.ResourcePrincipalAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.model.UpdateVolumeKmsKeyDetails;
import com.oracle.bmc.core.requests.GetVolumeRequest;
import com.oracle.bmc.core.requests.UpdateVolumeKmsKeyRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;

import static io.cmkguard.emulator.TestWorld.*;
import static org.junit.jupiter.api.Assertions.*;

class SignatureTest {
    private static final String KMS_KEY_PATH = "/20160918/volumes/" + VOLUME_ORACLE_KEY + "/kmsKey";
    private static final String KMS_KEY_BODY = "{\"kmsKeyId\":\"" + KEY + "\"}";

    private static SigningKeys trusted;
    private static SigningKeys untrusted;
    private OciEmulator emulator;
    private RawRequests raw;

    @BeforeAll
    static void keys() {
        trusted = SigningKeys.generate();
        untrusted = SigningKeys.generate();
    }

    @BeforeEach
    void start() {
        emulator = OciEmulator.start(TestWorld.world(), EmulatorOptions.trusting(trusted.publicKey()));
        raw = new RawRequests(emulator);
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void untrustedKeyIsNotAuthenticated() {
        try (BlockstorageClient client = Sdk.blockstorage(emulator, Sdk.auth(untrusted))) {
            var e = Sdk.assertFails(401, "NotAuthenticated",
                    () -> client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build()));
            assertTrue(e.getMessage().contains("signature does not verify against any trusted key"), e.getMessage());
        }
        assertEquals(List.of(new RecordedRequest("GET", "/20160918/volumes/" + VOLUME_CMK, "", 401, untrusted.keyId())),
                emulator.requests());
    }

    @Test
    void aCorrectHandSignedWriteIsAccepted() throws Exception {
        HttpResponse<String> response = raw.send(kmsKeyPut());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("etag").isPresent());
    }

    @Test
    void tamperedBodyIsRefused() throws Exception {
        RawRequests.Signed request = kmsKeyPut();
        request.sentBody = KMS_KEY_BODY.replace(KEY, KEY_2); // same length, other key
        assertRefused(request, "x-content-sha256 does not match body");
        assertNull(emulator.dump().get("volumes").get(0).get("kmsKeyId"), "nothing was written");
    }

    @Test
    void tamperedPathIsRefused() throws Exception {
        RawRequests.Signed request = kmsKeyPut();
        request.sentTarget = "/20160918/volumes/" + VOLUME_CMK + "/kmsKey";
        assertRefused(request, "signature does not verify against any trusted key");
    }

    @Test
    void writesMustSignTheBodyHeaders() throws Exception {
        RawRequests.Signed request = kmsKeyPut();
        request.headers = List.of("date", "(request-target)", "host", "content-length", "content-type");
        assertRefused(request, "signed headers missing: x-content-sha256");
    }

    @Test
    void staleDatesUnsignedRequestsAndOddKeyIdsAreRefused() throws Exception {
        RawRequests.Signed stale = raw.signed("GET", "/20160918/volumes/" + VOLUME_CMK, trusted.keyId(),
                trusted.privateKey());
        stale.date = ZonedDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        assertRefused(stale, "s away from the emulator's clock (at most 300 s allowed)");

        RawRequests.Signed unsigned = raw.signed("GET", "/20160918/volumes/" + VOLUME_CMK, null, null);
        assertRefused(unsigned, "missing authorization header");

        RawRequests.Signed oddKeyId = raw.signed("GET", "/20160918/volumes/" + VOLUME_CMK, "just-a-name",
                trusted.privateKey());
        assertRefused(oddKeyId, "is neither tenancy/user/fingerprint nor ST$<token>");

        RawRequests.Signed otherAlgorithm = raw.signed("GET", "/20160918/volumes/" + VOLUME_CMK, trusted.keyId(),
                trusted.privateKey());
        otherAlgorithm.authorization = "Signature version=\"1\",headers=\"date\",keyId=\"a/b/c\","
                + "algorithm=\"hmac-sha256\",signature=\"AAAA\"";
        assertRefused(otherAlgorithm, "unsupported signature algorithm hmac-sha256");
    }

    @Test
    void handSignedResourcePrincipalKeyIdIsAccepted() throws Exception {
        String keyId = "ST$" + jwt();
        RawRequests.Signed request = raw.signed("GET", "/20160918/volumes/" + VOLUME_CMK, keyId, trusted.privateKey());
        assertEquals(200, raw.send(request).statusCode());
        assertEquals(keyId, emulator.requests().get(0).keyId());
    }

    @Test
    void resourcePrincipalProviderOfTheSdkIsAccepted(@TempDir Path dir) {
        Path pem = trusted.writePrivateKeyPem(dir);
        ResourcePrincipalAuthenticationDetailsProvider provider = ResourcePrincipalAuthenticationDetailsProvider
                .ResourcePrincipalAuthenticationDetailsProviderBuilder
                .build_2_2(pem.toString(), null, jwt(), "us-ashburn-1", "test");
        try (BlockstorageClient client = Sdk.blockstorage(emulator, provider)) {
            assertEquals(KEY, client.getVolume(GetVolumeRequest.builder().volumeId(VOLUME_CMK).build())
                    .getVolume().getKmsKeyId());
            client.updateVolumeKmsKey(UpdateVolumeKmsKeyRequest.builder().volumeId(VOLUME_ORACLE_KEY)
                    .updateVolumeKmsKeyDetails(UpdateVolumeKmsKeyDetails.builder().kmsKeyId(KEY).build()).build());
        }
        assertTrue(emulator.requests().stream().allMatch(r -> r.keyId().startsWith("ST$") && r.status() == 200),
                emulator.requests().toString());
    }

    @Test
    void faultsDoNotHideAnAuthenticationFailure() throws Exception {
        emulator.faults().add(Fault.on("*", ".*").respond(500, "InternalServerError"));
        RawRequests.Signed request = raw.signed("GET", "/20160918/volumes/" + VOLUME_CMK, untrusted.keyId(),
                untrusted.privateKey());
        assertEquals(401, raw.send(request).statusCode());
    }

    private RawRequests.Signed kmsKeyPut() {
        RawRequests.Signed request = raw.signed("PUT", KMS_KEY_PATH, trusted.keyId(), trusted.privateKey());
        request.body = KMS_KEY_BODY;
        return request;
    }

    private void assertRefused(RawRequests.Signed request, String why) throws Exception {
        HttpResponse<String> response = raw.send(request);
        assertEquals(401, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"code\":\"NotAuthenticated\""), response.body());
        assertTrue(response.body().contains(why), response.body());
    }

    /** An unsigned test security token with the claims the SDK reads; OCI would check its signature. */
    static String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String claims = "{\"sub\":\"ocid1.fnfunc.oc1..test\",\"res_type\":\"fnfunc\",\"res_tenant\":\"" + SigningKeys.TENANCY
                + "\",\"res_compartment\":\"" + COMPARTMENT + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
        return b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("not-a-real-signature".getBytes(StandardCharsets.UTF_8));
    }
}
