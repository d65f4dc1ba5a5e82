package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.http.client.pki.Pem;
import io.cmkguard.LeakScan;
import io.cmkguard.TestFiles;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.EmulatorOptions;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.SigningKeys;
import io.cmkguard.oci.Auth;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 18 (minor): a config file whose key_file is encrypted, with the right, a wrong or no pass_phrase.
 * The right one signs requests the emulator accepts; the others are a clear InvalidConfiguration naming
 * pass_phrase and key_file (never their values), not an "unexpected IllegalArgumentException".
 */
class PassPhraseIT {
    private static final String PASS_PHRASE = "the-right-pass-phrase-7f3a";
    private static final String WRONG = "a-wrong-pass-phrase-19c2";

    @TempDir
    Path dir;

    /**
     * The key encrypted with a pass phrase as {@code oci setup keys} writes it (OpenSSL's traditional
     * "Proc-Type: 4,ENCRYPTED" AES-256-CBC PEM), by the SDK's own PEM encoder.
     */
    private static String encryptedPem(SigningKeys keys, String passPhrase) {
        return new String(Pem.encoder().with(Pem.Format.LEGACY).with(Pem.Encryption.builder().keySize(256)
                .iv(new SecureRandom().generateSeed(16)).passphrase(passPhrase.toCharArray()).build())
                .encode(keys.privateKey()), StandardCharsets.US_ASCII);
    }

    @ParameterizedTest(name = "pass_phrase [{0}]")
    @CsvSource({"right, ''", "wrong, pass_phrase is not the pass phrase key_file is encrypted with",
            "none, key_file is encrypted and the profile has no pass_phrase"})
    void anEncryptedKeyFileWorksWithItsPassPhraseAndIsAClearConfigProblemWithoutIt(String given, String expected)
            throws Exception {
        LeakScan.secret(PASS_PHRASE);
        LeakScan.secret(WRONG);
        SigningKeys keys = SigningKeys.generate();
        LeakScan.secret(keys);
        Path keyFile = dir.resolve("encrypted.pem");
        Files.writeString(keyFile, encryptedPem(keys, PASS_PHRASE));
        Path config = dir.resolve("config");
        Files.writeString(config, "[DEFAULT]\nuser=" + SigningKeys.USER + "\nfingerprint=" + keys.fingerprint()
                + "\ntenancy=" + SigningKeys.TENANCY + "\nregion=us-ashburn-1\nkey_file=" + keyFile
                + switch (given) {
                    case "right" -> "\npass_phrase=" + PASS_PHRASE;
                    case "wrong" -> "\npass_phrase=" + WRONG;
                    default -> "";
                } + "\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (OciEmulator emulator = OciEmulator.start(OciEmulator.demoWorld(), EmulatorOptions.trusting(keys.publicKey()));
             CmkGuard guard = CmkGuard.start(Map.of(GuardConfig.OCI_ENDPOINT, emulator.baseUrl(), GuardConfig.AUTH,
                     "config_file", Auth.CONFIG_FILE, config.toString(), GuardConfig.REGION, "us-ashburn-1",
                     GuardConfig.MODE, "audit"), new PrintStream(log, true, StandardCharsets.UTF_8), Clock.systemUTC())) {
            String answer = guard.handle(TestFiles.read(TestFiles.sample("blockvolumes.createvolume.end--oracle-managed.json")));
            LeakScan.said("a result", answer);
            LeakScan.said("the function log", log.toString(StandardCharsets.UTF_8));
            JsonNode r = new ObjectMapper().readTree(answer);
            if (given.equals("right")) {
                assertEquals("NON_COMPLIANT", r.path("verdict").asText(), r.toPrettyString());
                assertTrue(emulator.requests().stream().allMatch(q -> q.status() < 400), "signed with the decrypted key");
                return;
            }
            assertEquals("InvalidConfiguration", r.path("error").path("code").asText(), r.toPrettyString());
            String message = r.path("error").path("message").asText() + r.path("reasons");
            assertTrue(message.contains("the private key could not be read: " + expected), message);
            assertFalse(message.contains("IllegalArgumentException") || message.contains("unexpected"), message);
            assertFalse(message.contains(PASS_PHRASE) || message.contains(WRONG), "never the pass phrase: " + message);
            assertTrue(emulator.requests().isEmpty(), "nothing is called");
        }
    }
}
