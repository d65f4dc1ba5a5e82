package io.cmkguard.resource;

import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.model.Resource;
import io.cmkguard.event.OciEvent;
import io.cmkguard.oci.OciClients;
import io.cmkguard.model.KeyFacts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of OCI resource cmk-guard checks: which events name it, how to read it, and how (or
 * whether) its key can be changed in place. Each type is one small class in resource.type,
 * registered in {@link ResourceTypes#ALL}.
 */
public interface ResourceType {

    /** The resourceType of results and config keys, e.g. {@code block-volume}. */
    String name();

    /** How people call it in messages, e.g. "block volume". */
    String noun();

    /** How this type's ids look and how an event names one, e.g. an OCID of kind {@code volume}. */
    Identity identity();

    /** The event types that lead to a check of this type (with an Events rule listing them). */
    Set<String> eventTypes();

    /**
     * Whether sweeps list and judge this type: every type events lead to, and a type judged only by sweeps
     * (a Vault key's rotation). The replica types are judged with their volumes.
     */
    default boolean swept() {
        return !eventTypes().isEmpty();
    }

    /** Event types that mean somebody removed the resource's key: flagged, never raced. */
    default Set<String> keyRemovalEventTypes() {
        return Set.of();
    }

    /**
     * The plural OCI names this resource by in its list call ({@code volumes}, {@code bootVolumes},
     * {@code buckets}): the emulator's worlds and the bench count resources and requests by it.
     */
    String collection();

    /** What an event of this type names: the resource itself, or a parent (an instance, a container). */
    default Identity subject(String eventType) {
        return identity();
    }

    /**
     * Whether finding the event's resources lists them in the event's compartment (a container or
     * parent event): without a compartmentId such an event is an input error, and nothing is called.
     */
    default boolean listsByCompartment(String eventType) {
        return false;
    }

    /**
     * Why an event of this type asks for no check at all (e.g. a backup whose creation failed, as the
     * event itself says); empty when the resources it names are to be checked.
     */
    default Optional<String> ignoredBecause(OciEvent event) {
        return Optional.empty();
    }

    /**
     * The resources an event asks to check; by default the one it names. A fan-out may name resources
     * of a sibling type (a volume group's boot volumes): each id is checked as the type that owns it.
     */
    default List<String> resourceIds(OciEvent event, OciClients clients) {
        return identity().namedBy(event).map(List::of).orElse(List.of());
    }

    /** Re-reads the resource; empty when it does not exist (any more). */
    Optional<Resource> fetch(OciClients clients, String id);

    /**
     * Re-reads the resource, taking the other resources it is judged by (a pluggable database's container)
     * from the trigger's shared reads: a sweep then reads a container once, not once per pluggable database.
     * The resource itself is read afresh.
     */
    default Optional<Resource> fetch(OciClients clients, String id, SharedReads shared) {
        return fetch(clients, id);
    }

    /**
     * The ids of every live resource of this type in one compartment (not its children), read page by
     * page; TERMINATED and TERMINATING resources are left out. Sweeps and watches list through this.
     */
    List<String> list(OciClients clients, String compartmentId);

    /** Whether OCI can put this resource on another key in place. */
    boolean keyChangeableInPlace();

    /**
     * Assigns the key in place (only called when {@link #keyChangeableInPlace()} and the resource
     * has no {@link Resource#keyChangeBlocker()}); the key's facts carry its vault.
     */
    default void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        throw new UnsupportedOperationException(noun() + " keys cannot be changed in place");
    }

    /**
     * What a key change leaves undone, said in every finding that asks for one (a bucket's objects written
     * before keep their old key until re-encrypted, and the command that does it); empty if nothing.
     */
    default Optional<String> afterKeyChangeAdvice(Resource resource) {
        return Optional.empty();
    }

    /**
     * Work OCI leaves to be started once the resource is on its new key (a bucket's objects written before
     * keep their old key until it is re-encrypted); called after a verified remediation only when the
     * configuration asks for it. Returns the work request id OCI answered; empty when the type has nothing.
     */
    default Optional<String> afterKeyChange(OciClients clients, Resource resource) {
        return Optional.empty();
    }

    /**
     * The exact OCI CLI command that puts the resource on the key; empty when no command OCI accepts
     * can (e.g. a dedicated Autonomous Database, whose key is its container's): the reasons say why.
     * Every command printed is checked against the OCI CLI's own options (CliCommandsTest).
     */
    Optional<String> fixCommand(Resource resource, String keyId);

    /** An IAM prerequisite without which the key change fails, to name in findings; empty if none. */
    default java.util.Optional<String> prerequisite() {
        return java.util.Optional.empty();
    }

    /** Where the resource is in the OCI Console. */
    String consolePath(Resource resource);

    /** The IAM permissions the function's dynamic group needs for this type (for docs and checks). */
    List<String> requiredPermissions();

    /** The same needs in policy words, plus who must be allowed to use the key: what policies are built from. */
    Iam iam();
}
