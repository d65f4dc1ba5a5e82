package io.cmkguard.resource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Vault key events the key-health watch answers. They name a key (or a vault), not a resource to
 * check: the watch finds the resources that use the key instead, and never changes anything.
 */
public final class KeyEvents {
    static final String PREFIX = "com.oraclecloud.keymanagementservice.";

    /** What happened to the key. */
    public enum Change {
        DISABLED, DELETION_SCHEDULED, VERSION_DELETION_SCHEDULED, MOVED, VAULT_DELETION_SCHEDULED,
        /** The undo of a disable or a scheduled deletion: the key is usable again. */
        ENABLED, DELETION_CANCELLED
    }

    private static final Map<String, Change> CHANGES = Map.of(
            PREFIX + "disablekey.end", Change.DISABLED,
            PREFIX + "schedulekeydeletion.end", Change.DELETION_SCHEDULED,
            PREFIX + "schedulekeyversiondeletion.end", Change.VERSION_DELETION_SCHEDULED,
            PREFIX + "changekeycompartment.end", Change.MOVED,
            PREFIX + "schedulevaultdeletion.end", Change.VAULT_DELETION_SCHEDULED,
            PREFIX + "enablekey.end", Change.ENABLED,
            PREFIX + "cancelkeydeletion.end", Change.DELETION_CANCELLED);

    private KeyEvents() {
    }

    public static Set<String> types() {
        return CHANGES.keySet();
    }

    public static Optional<Change> change(String eventType) {
        return Optional.ofNullable(CHANGES.get(eventType));
    }
}
