package io.cmkguard.notify;

import io.cmkguard.util.Echo;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the key-health watch found for one Vault key (or vault) event: what happened to the key, who did
 * it, every resource that uses it, and the command that undoes it. Never a remediation: a person decides.
 *
 * @param keyName       the key's display name (or the vault's, for a vault deletion)
 * @param keyId         the key (or vault) OCID
 * @param happened      what happened, in capitals: DISABLED, SCHEDULED FOR DELETION, MOVED...
 * @param principal     who did it, as far as the event says
 * @param consequence   what the change means for the resources, e.g. "cannot be read ... until it is re-enabled"
 * @param deletionTime  when the key (or vault) will be deleted, for a scheduled deletion
 * @param now           for the days left
 * @param affected      every resource found that uses the key
 * @param undo          the exact command that undoes the change
 * @param unfinished    empty when the whole scope was searched; else how far it got and the command that finishes
 * @param scope         the compartment (tree) searched
 */
public record KeyAlert(String keyName, String keyId, String happened, String principal, String consequence,
                       Optional<Instant> deletionTime, Instant now, List<Affected> affected, String undo,
                       Optional<String> unfinished, String scope) {

    /** Names and event fields (who did it) are clean for people to read (Echo), like every text field. */
    public KeyAlert {
        keyName = Echo.bounded(keyName);
        keyId = Echo.bounded(keyId);
        happened = Echo.line(happened);
        principal = Echo.bounded(principal);
        consequence = Echo.line(consequence);
        affected = List.copyOf(affected);
        undo = Echo.line(undo);
        unfinished = unfinished.map(Echo::line);
        scope = Echo.bounded(scope);
    }

    /** A resource that uses the key: its type's noun (e.g. "block volume"), id, name and compartment. */
    public record Affected(String noun, String id, String displayName, String compartmentId) {
        public Affected {
            noun = Echo.bounded(noun);
            id = Echo.bounded(id);
            displayName = Echo.bounded(displayName);
            compartmentId = Echo.bounded(compartmentId);
        }
    }

    /** A key nobody in the scope uses: a short, low-severity note rather than an alert. */
    public boolean isNote() {
        return affected.isEmpty() && unfinished.isEmpty();
    }
}
