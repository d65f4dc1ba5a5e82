package io.cmkguard.resource.type;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.database.model.AutonomousDatabase;
import com.oracle.bmc.database.model.AwsKeyDetails;
import com.oracle.bmc.database.model.AzureKeyDetails;
import com.oracle.bmc.database.model.Database;
import com.oracle.bmc.database.model.OciKeyDetails;
import com.oracle.bmc.database.model.OkvKeyDetails;
import com.oracle.bmc.database.model.OracleManagedKeyDetails;
import com.oracle.bmc.database.model.PluggableDatabase;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the database family reads keys, clones and standbys from the SDK models. */
class DatabaseMappingTest {
    private static final String KEY = "ocid1.key.oc1.iad.emuvault1.keyhsm";
    private static final String VAULT = "ocid1.vault.oc1.iad.emuvault1.vault";
    private static final String SOURCE = "ocid1.autonomousdatabase.oc1.iad.source";

    private static AutonomousDatabase.Builder adb() {
        return AutonomousDatabase.builder().id("ocid1.autonomousdatabase.oc1.iad.a");
    }

    @Test
    void autonomousDatabaseProviderDecidesBeforeTheTopLevelKmsKeyId() {
        Encryption oracle = AutonomousDatabaseEncryption.of(adb().kmsKeyId(KEY)
                .encryptionKey(OracleManagedKeyDetails.builder().build()).build());
        assertEquals(Encryption.Kind.ORACLE_MANAGED, oracle.kind());
        Encryption oci = AutonomousDatabaseEncryption.of(adb().kmsKeyId("ORACLE_MANAGED_KEY")
                .encryptionKey(OciKeyDetails.builder().kmsKeyId(KEY).vaultId(VAULT).build()).build());
        assertEquals(Encryption.vaultKey(KEY, VAULT), oci);
    }

    @Test
    void oracleManagedKeyPlaceholderIsOracleManagedAndARealKmsKeyIdIsAVaultKey() {
        assertEquals(Encryption.oracleManaged(),
                AutonomousDatabaseEncryption.of(adb().kmsKeyId("ORACLE_MANAGED_KEY").build()));
        assertEquals(Encryption.oracleManaged(), AutonomousDatabaseEncryption.of(adb()
                .encryptionKey(OciKeyDetails.builder().kmsKeyId("ORACLE_MANAGED_KEY").build()).build()));
        assertEquals(Encryption.vaultKey(KEY, VAULT),
                AutonomousDatabaseEncryption.of(adb().kmsKeyId(KEY).vaultId(VAULT).build()));
        assertEquals(Encryption.oracleManaged(), AutonomousDatabaseEncryption.of(adb().build()));
    }

    @Test
    void awsKeyKeepsTheFieldsThePolicyChecksWithTheArnFirst() {
        Encryption aws = AutonomousDatabaseEncryption.of(adb().encryptionKey(AwsKeyDetails.builder()
                .keyArn("arn:aws:kms:us-east-1:123456789012:key/k1")
                .serviceEndpointUri("https://kms.us-east-1.amazonaws.com")
                .arnRole("arn:aws:iam::123456789012:role/r").externalId("ocid1.tenancy.oc1..t").build()).build());
        assertEquals("AWS", aws.provider());
        assertEquals(List.of("keyArn", "serviceEndpointUri", "arnRole", "externalId"),
                List.copyOf(aws.details().keySet()));
        assertEquals("AWS key arn:aws:kms:us-east-1:123456789012:key/k1", aws.describe());
        Encryption withoutRole = AutonomousDatabaseEncryption.of(adb().encryptionKey(AwsKeyDetails.builder()
                .keyArn("arn:aws:kms:us-east-1:123456789012:key/k1").build()).build());
        assertEquals(List.of("keyArn"), List.copyOf(withoutRole.details().keySet()), "absent fields are left out");
    }

    @Test
    void azureAndOkvAreCustomerManaged() {
        Encryption azure = AutonomousDatabaseEncryption.of(adb().encryptionKey(AzureKeyDetails.builder()
                .keyName("k").vaultUri("https://v.vault.azure.net").build()).build());
        assertEquals("AZURE", azure.provider());
        assertTrue(azure.isCustomerManaged());
        Encryption okv = AutonomousDatabaseEncryption.of(adb().encryptionKey(OkvKeyDetails.builder()
                .okvKmsKey("ABC").okvUri("https://okv:5696").build()).build());
        assertEquals("OKV key ABC", okv.describe());
        assertEquals("OKV", AutonomousDatabaseEncryption.of(adb().keyStoreId("ocid1.keystore.oc1.iad.k").build())
                .provider());
    }

    @Test
    void aProviderThisSdkDoesNotKnowIsAnExternalKeyNotOracleManaged() throws Exception {
        ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        AutonomousDatabase gcp = json.readValue("{\"id\":\"ocid1.autonomousdatabase.oc1.iad.g\","
                + "\"encryptionKey\":{\"provider\":\"GCP\",\"keyName\":\"k\"}}", AutonomousDatabase.class);
        Encryption e = AutonomousDatabaseEncryption.of(gcp);
        assertEquals(Encryption.Kind.EXTERNAL, e.kind());
        assertEquals(AutonomousDatabaseEncryption.UNKNOWN_PROVIDER, e.provider());
    }

    @Test
    void clonesRefreshableClonesAndStandbysAreToldApart() {
        assertEquals(Optional.empty(), AutonomousDatabaseType.lineage(adb().build()));
        assertEquals(Optional.of(new Lineage("cloned from", SOURCE)),
                AutonomousDatabaseType.lineage(adb().sourceId(SOURCE).build()));
        assertEquals("refreshable clone of", AutonomousDatabaseType.lineage(adb().sourceId(SOURCE)
                .isRefreshableClone(true).build()).orElseThrow().relation());
        assertEquals("standby of", AutonomousDatabaseType.lineage(adb().sourceId(SOURCE)
                .role(AutonomousDatabase.Role.Standby).build()).orElseThrow().relation());
    }

    @Test
    void onlyAPlainPrimaryOnSharedInfrastructureMayBeRekeyedInPlace() {
        assertEquals(Optional.empty(), AutonomousDatabaseType.keyChangeBlocker(adb().sourceId(SOURCE).build()));
        assertEquals(Optional.empty(), AutonomousDatabaseType.keyChangeBlocker(adb()
                .role(AutonomousDatabase.Role.Primary).build()));
        assertTrue(AutonomousDatabaseType.keyChangeBlocker(adb().isRefreshableClone(true).build()).isPresent());
        assertTrue(AutonomousDatabaseType.keyChangeBlocker(adb().role(AutonomousDatabase.Role.DisabledStandby).build())
                .orElseThrow().contains("DISABLED_STANDBY"), "the wire value, not the Java name");
        assertTrue(AutonomousDatabaseType.keyChangeBlocker(adb()
                .autonomousContainerDatabaseId("ocid1.autonomouscontainerdatabase.oc1.iad.c").build()).isPresent());
    }

    @Test
    void databaseIsOnAVaultKeyAnOkvKeyStoreOrOnlyItsWallet() {
        assertEquals(Encryption.vaultKey(KEY, VAULT),
                DatabaseType.encryptionOf(Database.builder().kmsKeyId(KEY).vaultId(VAULT).build()));
        Encryption okv = DatabaseType.encryptionOf(Database.builder().keyStoreId("ocid1.keystore.oc1.iad.k")
                .keyStoreWalletName("w").build());
        assertEquals("OKV", okv.provider());
        assertEquals("ocid1.keystore.oc1.iad.k", okv.details().get("keyStoreId"));
        assertEquals(Encryption.walletOnly(), DatabaseType.encryptionOf(Database.builder().build()),
                "a wallet-only database has no customer-managed key");
    }

    /**
     * Tripwire: Oracle Database@AWS keys show only in Database.encryptionKeyLocationDetails, which OCI
     * SDK 3.55.1 does not have, so DatabaseType reads it from the raw signed answer. When the SDK is
     * raised this fails: then read it from the model and drop OciClients.databaseJson.
     */
    @Test
    void externalKeyLocationsMapToTheirProviders() {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(Encryption.external("AWS", java.util.Map.of("awsEncryptionKeyId", "ocid1.oracledbawskey.oc1.iad.k")),
                DatabaseType.keyLocation(json.createObjectNode().put("providerType", "AWS")
                        .put("awsEncryptionKeyId", "ocid1.oracledbawskey.oc1.iad.k")).orElseThrow());
        assertEquals("AZURE", DatabaseType.keyLocation(json.createObjectNode().put("providerType", "AZURE")
                .put("azureEncryptionKeyId", "k")).orElseThrow().provider());
        assertTrue(DatabaseType.keyLocation(json.createObjectNode().put("providerType", "AWS")).isEmpty(),
                "a location without a key id proves nothing");
        assertTrue(DatabaseType.keyLocation(json.createObjectNode()).isEmpty());
    }

    @Test
    void awsKeyLocationNeedsANewerSdk() {
        assertThrows(NoSuchMethodException.class, () -> Database.class.getMethod("getEncryptionKeyLocationDetails"));
    }

    @Test
    void pluggableDatabaseUsesItsOwnKeyElseItsContainers() {
        Optional<Encryption> vaultCdb = Optional.of(DatabaseType.encryptionOf(
                Database.builder().kmsKeyId(KEY).vaultId(VAULT).build()));
        Optional<Encryption> walletCdb = Optional.of(DatabaseType.encryptionOf(Database.builder().build()));
        Optional<Encryption> okvCdb = Optional.of(DatabaseType.encryptionOf(
                Database.builder().keyStoreId("ocid1.keystore.oc1.iad.okv").build()));
        assertEquals(Encryption.vaultKey(KEY, VAULT), PluggableDatabaseType.encryptionOf(
                PluggableDatabase.builder().build(), vaultCdb));
        assertEquals(Encryption.walletOnly(), PluggableDatabaseType.encryptionOf(
                PluggableDatabase.builder().build(), walletCdb));
        assertEquals(okvCdb.get(), PluggableDatabaseType.encryptionOf(PluggableDatabase.builder().build(), okvCdb));
        assertEquals(Encryption.vaultKey(KEY, VAULT), PluggableDatabaseType.encryptionOf(
                PluggableDatabase.builder().kmsKeyId(KEY).build(), vaultCdb));
        assertEquals(Encryption.vaultKey(KEY + "2", ""), PluggableDatabaseType.encryptionOf(
                PluggableDatabase.builder().kmsKeyId(KEY + "2").build(), vaultCdb), "the vault is that of its key");
        assertEquals(Encryption.vaultKey(KEY, ""), PluggableDatabaseType.encryptionOf(
                PluggableDatabase.builder().kmsKeyId(KEY).build(), Optional.empty()));
        assertEquals(Encryption.walletOnly(), PluggableDatabaseType.encryptionOf(
                PluggableDatabase.builder().build(), Optional.empty()), "no key and no readable container");
    }
}
