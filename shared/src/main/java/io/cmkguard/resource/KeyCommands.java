package io.cmkguard.resource;

import io.cmkguard.resource.KeyEvents.Change;
import io.cmkguard.util.CliCommand;

/** The commands that undo a change to a Vault key or vault, printed in key alerts and key findings. */
public final class KeyCommands {
    private KeyCommands() {
    }

    /** The command that undoes a key change (kms management commands need the vault's --endpoint). */
    public static String undo(Change change, String keyId, String keyVersionId, String endpoint) {
        CliCommand command = switch (change) {
            case DISABLED -> CliCommand.oci("kms", "management", "key", "enable").option("--key-id", keyId);
            case VERSION_DELETION_SCHEDULED -> CliCommand.oci("kms", "management", "key-version", "cancel-deletion")
                    .option("--key-id", keyId).option("--key-version-id", keyVersionId);
            case MOVED -> CliCommand.oci("kms", "management", "key", "change-compartment").option("--key-id", keyId)
                    .placeholder("--compartment-id", "its previous compartment OCID");
            default -> CliCommand.oci("kms", "management", "key", "cancel-deletion").option("--key-id", keyId);
        };
        return command.option("--endpoint", endpoint).render();
    }

    public static String vaultUndo(String vaultId) {
        return CliCommand.oci("kms", "management", "vault", "cancel-deletion").option("--vault-id", vaultId).render();
    }
}
