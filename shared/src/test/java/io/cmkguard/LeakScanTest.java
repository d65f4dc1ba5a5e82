package io.cmkguard;

import io.cmkguard.emulator.SigningKeys;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The scan itself: it must fail on each kind of secret, or its zero means nothing. */
class LeakScanTest {

    @Test
    void registeredSecretsAndSecretShapedTextFailTheScan() {
        SigningKeys keys = SigningKeys.generate();
        LeakScan.secret(keys);
        LeakScan.secret("my-private-key-passphrase");
        LeakScan.token("eyJhbGciOiJub25lIn0.eyJyZXNfdGVuYW50IjoidCJ9.sig");
        String pemLine = keys.privateKeyPem().lines().filter(l -> !l.startsWith("-----")).skip(3).findFirst().orElseThrow();
        assertThrows(AssertionError.class, () -> LeakScan.said("test", "key text " + pemLine));
        assertThrows(AssertionError.class, () -> LeakScan.said("test", "passphrase my-private-key-passphrase"));
        assertThrows(AssertionError.class, () -> LeakScan.said("test", "claims eyJyZXNfdGVuYW50IjoidCJ9 seen"));
        assertThrows(AssertionError.class, () -> LeakScan.said("test", "-----BEGIN RSA PRIVATE KEY-----"));
        assertThrows(AssertionError.class, () -> LeakScan.said("test", "keyId=ST$abcdefghijkl"));
        assertThrows(AssertionError.class, () -> LeakScan.said("test", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.x"));
        assertDoesNotThrow(() -> LeakScan.said("test", "{\"verdict\":\"COMPLIANT\",\"kmsKeyIdAfter\":\"ocid1.key.oc1.iad.v.k\"}"));
    }
}
