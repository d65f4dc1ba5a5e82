package io.cmkguard.oci;

import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.core.requests.GetVolumeRequest;
import com.oracle.bmc.http.signing.internal.PEMFileRSAPrivateKeySupplier;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Security;
import java.security.Signature;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The native provider installed in this JVM, signing what the SDK signs: the SDK's own PEM key, its own
 * {@code Signature.getInstance} call, requests the emulator verifies. The fallback when the native
 * library cannot load is forced in a function JVM of its own (NativeSigningFallbackIT in the function
 * module): a loaded library cannot be unloaded here.
 */
class NativeSigningIT {
    private static final byte[] SIGNING_STRING = ("date: Sun, 06 Dec 2026 22:00:00 GMT\n(request-target): get "
            + "/20160918/volumes/ocid1.volume.oc1.iad.voloracle\nhost: iaas.us-ashburn-1.oraclecloud.com")
            .getBytes(StandardCharsets.UTF_8);
    private static EmulatedCloud cloud;
    private static NativeSigning.Outcome outcome;

    @BeforeAll
    static void installNativeSigning() {
        assumeTrue("amd64".equals(System.getProperty("os.arch")) && "Linux".equals(System.getProperty("os.name")),
                "the shipped provider's native library is for Linux x86-64 only");
        cloud = new EmulatedCloud(OciEmulator.demoWorld());
        outcome = NativeSigning.install(NativeSigning.PROVIDERS);
    }

    @AfterAll
    static void close() {
        if (cloud != null) {
            cloud.close();
        }
    }

    @Test
    void theProviderOnTheClassPathLoadsAndSaysSoInOneLine() {
        assertTrue(outcome.installed(), outcome.message());
        assertTrue(outcome.message().startsWith("AmazonCorrettoCryptoProvider 2.4.1 signs requests (SHA256withRSA)"),
                outcome.message());
        assertEquals("CmkGuardNativeRsa", Security.getProviders()[0].getName(), "installed first");
    }

    @Test
    void theSdksKeyIsSignedNativelyWithTheSameBytesAsTheJdk() throws Exception {
        PrivateKey key = sdkKey();
        Signature chosen = Signature.getInstance("SHA256withRSA"); // what the SDK's SignatureSigner calls
        chosen.initSign(key);
        chosen.update(SIGNING_STRING);
        byte[] nativeSignature = chosen.sign();
        assertEquals("CmkGuardNativeRsa", chosen.getProvider().getName(),
                "JCA gave the SDK's key to the native signature, not back to the JDK's");

        Signature jdk = Signature.getInstance("SHA256withRSA", "SunRsaSign");
        jdk.initSign(key);
        jdk.update(SIGNING_STRING);
        assertArrayEquals(jdk.sign(), nativeSignature, "RSA PKCS#1 v1.5 signatures are deterministic");
    }

    @Test
    void onlyTheRequestSignatureMoves() throws Exception {
        assertEquals(1, Security.getProviders()[0].getServices().size());
        assertEquals("SunEC", Signature.getInstance("SHA256withECDSA").getProvider().getName());
        assertEquals("SUN", java.security.MessageDigest.getInstance("SHA-256").getProvider().getName());
    }

    @Test
    void theSdkClientsRequestsAreSignedNativelyAndVerified() {
        try (OciClients clients = cloud.clients()) {
            for (int i = 0; i < 3; i++) { // the emulator answers 401 to a signature it cannot verify
                Volume volume = clients.blockstorage().getVolume(GetVolumeRequest.builder()
                        .volumeId("ocid1.volume.oc1.iad.voloracle").build()).getVolume();
                assertEquals("ocid1.volume.oc1.iad.voloracle", volume.getId());
            }
        }
    }

    @Test
    void aProviderThatIsNotOnTheClassPathLeavesTheJdkSigning() {
        NativeSigning.Outcome none = NativeSigning.install(List.of("org.example.NoSuchProvider"));
        assertFalse(none.installed());
        assertEquals("no native JCA provider on the class path: the JDK's provider signs requests", none.message());
    }

    /** The private key as the SDK reads it from the config file's key_file. */
    private static PrivateKey sdkKey() throws Exception {
        Path pem = cloud.configFile.resolveSibling(SigningKeys.PRIVATE_KEY_FILE);
        try (InputStream in = Files.newInputStream(pem)) {
            return new PEMFileRSAPrivateKeySupplier(in, null).supplyKey().orElseThrow();
        }
    }
}
