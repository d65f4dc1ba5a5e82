package io.cmkguard.emulator;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.database.DatabaseClient;
import com.oracle.bmc.database.model.AutonomousDatabase;
import com.oracle.bmc.database.model.ConfigureAutonomousDatabaseVaultKeyDetails;
import com.oracle.bmc.database.model.OciKeyDetails;
import com.oracle.bmc.database.model.OracleManagedKeyDetails;
import com.oracle.bmc.database.requests.ConfigureAutonomousDatabaseVaultKeyRequest;
import com.oracle.bmc.database.requests.GetAutonomousDatabaseRequest;
import com.oracle.bmc.database.responses.ConfigureAutonomousDatabaseVaultKeyResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.cmkguard.emulator.TestWorld.*;
import static org.junit.jupiter.api.Assertions.*;

class AutonomousDatabaseKeyTest {
    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @Test
    void configureGoesThroughUpdatingBackToAvailable() throws InterruptedException {
        EmulatorOptions options = EmulatorOptions.trusting(keys.publicKey())
                // long enough that a loaded machine still reads and re-configures within it
                .withTransition(Duration.ofMillis(2500));
        try (OciEmulator emulator = OciEmulator.start(TestWorld.world(), options);
             DatabaseClient client = Sdk.database(emulator, auth)) {
            ConfigureAutonomousDatabaseVaultKeyResponse response = configure(client, ADB, KEY, VAULT);
            assertNotNull(response.getOpcWorkRequestId());
            assertEquals(202, emulator.requests().get(0).status());

            AutonomousDatabase updating = get(client, ADB);
            assertEquals(AutonomousDatabase.LifecycleState.Updating, updating.getLifecycleState());
            assertEquals(KEY, updating.getKmsKeyId());
            assertEquals(VAULT, updating.getVaultId());
            OciKeyDetails encryptionKey = assertInstanceOf(OciKeyDetails.class, updating.getEncryptionKey());
            assertEquals(KEY, encryptionKey.getKmsKeyId());
            assertEquals(KEY, updating.getKeyHistoryEntry().get(0).getId());
            assertNotNull(updating.getKeyHistoryEntry().get(0).getTimeActivated());

            Sdk.assertFails(409, "IncorrectState", () -> configure(client, ADB, KEY_2, VAULT));

            Thread.sleep(2600);
            assertEquals(AutonomousDatabase.LifecycleState.Available, get(client, ADB).getLifecycleState());
        }
    }

    @Test
    void zeroTransitionIsAvailableOnTheNextReadAndKeysCanGoBackToOracleManaged() {
        try (OciEmulator emulator = OciEmulator.start(TestWorld.world(), EmulatorOptions.trusting(keys.publicKey()));
             DatabaseClient client = Sdk.database(emulator, auth)) {
            configure(client, ADB, KEY, VAULT);
            assertEquals(AutonomousDatabase.LifecycleState.Available, get(client, ADB).getLifecycleState());

            client.configureAutonomousDatabaseVaultKey(ConfigureAutonomousDatabaseVaultKeyRequest.builder()
                    .autonomousDatabaseId(ADB)
                    .configureAutonomousDatabaseVaultKeyDetails(ConfigureAutonomousDatabaseVaultKeyDetails.builder()
                            .isUsingOracleManagedKeys(true).build())
                    .build());
            AutonomousDatabase adb = get(client, ADB);
            assertNull(adb.getKmsKeyId());
            assertInstanceOf(OracleManagedKeyDetails.class, adb.getEncryptionKey());
            assertEquals(1, adb.getKeyHistoryEntry().size());
        }
    }

    @Test
    void configureChecksStateVaultAndKey() {
        try (OciEmulator emulator = OciEmulator.start(TestWorld.world(), EmulatorOptions.trusting(keys.publicKey()));
             DatabaseClient client = Sdk.database(emulator, auth)) {
            Sdk.assertFails(409, "IncorrectState", () -> configure(client, ADB_STOPPED, KEY, VAULT));
            Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> configure(client, ADB, KEY, "ocid1.vault.oc1..none"));
            Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> configure(client, ADB, "ocid1.key.oc1..none", VAULT));
            Sdk.assertFails(409, "IncorrectState", () -> configure(client, ADB, DISABLED_KEY, VAULT));
            Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> configure(client, "ocid1.autonomousdatabase..x", KEY, VAULT));
            assertEquals(AutonomousDatabase.LifecycleState.Available, get(client, ADB).getLifecycleState());
            assertNull(get(client, ADB).getKmsKeyId(), "refused changes leave the database as it was");
        }
    }

    private static ConfigureAutonomousDatabaseVaultKeyResponse configure(DatabaseClient client, String adb,
                                                                         String key, String vault) {
        return client.configureAutonomousDatabaseVaultKey(ConfigureAutonomousDatabaseVaultKeyRequest.builder()
                .autonomousDatabaseId(adb)
                .configureAutonomousDatabaseVaultKeyDetails(ConfigureAutonomousDatabaseVaultKeyDetails.builder()
                        .kmsKeyId(key).vaultId(vault).build())
                .build());
    }

    private static AutonomousDatabase get(DatabaseClient client, String id) {
        return client.getAutonomousDatabase(GetAutonomousDatabaseRequest.builder().autonomousDatabaseId(id).build())
                .getAutonomousDatabase();
    }
}
