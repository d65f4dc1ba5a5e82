package io.cmkguard.guard;

import io.cmkguard.resource.KeyCommands;
import io.cmkguard.OciCli;
import io.cmkguard.resource.KeyEvents.Change;
import org.junit.jupiter.api.Test;

/** Issue 10: the key-health watch's undo commands are ones the OCI CLI accepts. */
class KeyWatchCommandsTest {

    @Test
    void everyUndoCommandIsARealCliCommand() {
        for (Change change : Change.values()) {
            OciCli.check(KeyCommands.undo(change, "ocid1.key.oc1.iad.v.k", "ocid1.keyversion.oc1.iad.v.kv",
                    "https://v-management.kms.us-ashburn-1.oraclecloud.com"));
        }
        OciCli.check(KeyCommands.vaultUndo("ocid1.vault.oc1.iad.v.vault"));
    }
}
