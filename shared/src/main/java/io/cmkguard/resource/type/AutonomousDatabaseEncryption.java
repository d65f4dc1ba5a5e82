package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.AutonomousDatabase;
import com.oracle.bmc.database.model.AutonomousDatabaseEncryptionKeyDetails;
import com.oracle.bmc.database.model.AwsKeyDetails;
import com.oracle.bmc.database.model.AzureKeyDetails;
import com.oracle.bmc.database.model.OciKeyDetails;
import com.oracle.bmc.database.model.OkvKeyDetails;
import com.oracle.bmc.database.model.OracleManagedKeyDetails;
import io.cmkguard.model.Encryption;

import static io.cmkguard.resource.type.DatabaseFamily.details;
import static io.cmkguard.resource.type.DatabaseFamily.isBlank;

/**
 * An Autonomous Database's key, judged from {@code encryptionKey.provider} first: the top-level
 * kmsKeyId only fills in when the service sends no encryptionKey (where ORACLE_MANAGED_KEY means
 * Oracle-managed).
 */
final class AutonomousDatabaseEncryption {
    /** The provider name for an encryptionKey this SDK has no subtype for (GCP in SDK 3.55.1). */
    static final String UNKNOWN_PROVIDER = "EXTERNAL";

    private AutonomousDatabaseEncryption() {
    }

    static Encryption of(AutonomousDatabase adb) {
        AutonomousDatabaseEncryptionKeyDetails key = adb.getEncryptionKey();
        if (key instanceof OracleManagedKeyDetails) {
            return Encryption.oracleManaged();
        }
        if (key instanceof OciKeyDetails oci) {
            return Encryption.ofKmsKeyId(either(oci.getKmsKeyId(), adb.getKmsKeyId()),
                    either(oci.getVaultId(), adb.getVaultId()));
        }
        if (key instanceof AwsKeyDetails aws) {
            // CmkPolicy checks the ARN's shape and that its region is the endpoint's
            return Encryption.external("AWS", details("keyArn", aws.getKeyArn(),
                    "serviceEndpointUri", aws.getServiceEndpointUri(), "arnRole", aws.getArnRole(),
                    "externalId", aws.getExternalId()));
        }
        if (key instanceof AzureKeyDetails azure) {
            return Encryption.external("AZURE", details("keyName", azure.getKeyName(),
                    "vaultUri", azure.getVaultUri()));
        }
        if (key instanceof OkvKeyDetails okv) {
            return Encryption.external("OKV", details("okvKmsKey", okv.getOkvKmsKey(), "okvUri", okv.getOkvUri(),
                    "directoryName", okv.getDirectoryName()));
        }
        if (key != null) {
            // the SDK knows ORACLE_MANAGED, so a provider it does not know is a key held outside OCI
            return Encryption.external(UNKNOWN_PROVIDER, details("provider", "not known to this OCI SDK (e.g. GCP)"));
        }
        if (!isBlank(adb.getKeyStoreId())) {
            return Encryption.external("OKV", details("keyStoreId", adb.getKeyStoreId()));
        }
        return Encryption.ofKmsKeyId(adb.getKmsKeyId(), adb.getVaultId());
    }

    private static String either(String preferred, String fallback) {
        return isBlank(preferred) ? fallback : preferred;
    }
}
