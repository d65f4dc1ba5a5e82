package io.cmkguard.model;

import io.cmkguard.util.Echo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A resource as cmk-guard sees it after re-reading it from its service: the same shape for
 * every resource type, so the policy and notifications need not know OCI's models.
 */
public record Resource(
        String type,
        String id,
        String displayName,
        String compartmentId,
        String region,
        String lifecycleState,
        Encryption encryption,
        List<Replica> replicas,
        Optional<Lineage> lineage,
        Map<String, String> freeformTags,
        String etag,
        Optional<String> keyChangeBlocker,
        Optional<String> consolePath) {

    public static final String AVAILABLE = "AVAILABLE";

    public Resource {
        replicas = List.copyOf(replicas);
        freeformTags = freeformTags == null ? Map.of() : Map.copyOf(freeformTags);
        displayName = Echo.bounded(displayName); // a name is only ever shown: cut to 256, one line, clean
        etag = etag == null ? "" : etag;
        keyChangeBlocker = keyChangeBlocker == null ? Optional.empty() : keyChangeBlocker;
        consolePath = consolePath == null ? Optional.empty() : consolePath;
    }

    public Resource(String type, String id, String displayName, String compartmentId, String region,
                    String lifecycleState, Encryption encryption, List<Replica> replicas, Optional<Lineage> lineage,
                    Map<String, String> freeformTags, String etag, Optional<String> keyChangeBlocker) {
        this(type, id, displayName, compartmentId, region, lifecycleState, encryption, replicas, lineage,
                freeformTags, etag, keyChangeBlocker, Optional.empty());
    }

    public Resource(String type, String id, String displayName, String compartmentId, String region,
                    String lifecycleState, Encryption encryption, List<Replica> replicas, Optional<Lineage> lineage,
                    Map<String, String> freeformTags, String etag) {
        this(type, id, displayName, compartmentId, region, lifecycleState, encryption, replicas, lineage,
                freeformTags, etag, Optional.empty(), Optional.empty());
    }

    /** The same resource, marked as one whose key must not be changed in place, and why (e.g. a standby). */
    public Resource withKeyChangeBlocker(String why) {
        return new Resource(type, id, displayName, compartmentId, region, lifecycleState, encryption, replicas,
                lineage, freeformTags, etag, Optional.of(why), consolePath);
    }

    /**
     * The same resource with its OCI Console path, for types whose path needs more than the id (a
     * database's page hangs under its DB system or VM cluster, which only the service read knows).
     */
    public Resource withConsolePath(String path) {
        return new Resource(type, id, displayName, compartmentId, region, lifecycleState, encryption, replicas,
                lineage, freeformTags, etag, keyChangeBlocker, Optional.of(path));
    }

    /** The one state in which OCI accepts a key change. */
    public boolean isAvailable() {
        return AVAILABLE.equals(lifecycleState);
    }

    public String label() {
        return displayName.isBlank() ? id : displayName;
    }
}
