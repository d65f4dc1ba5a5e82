package io.cmkguard.resource.type;

import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.resource.KeyChange;

/**
 * One kind of resource's key write as the SDK models it. The write is sent once (the guard re-reads and
 * decides whether to send it again) with the etag it was judged at, so a change in between is refused.
 */
@FunctionalInterface
interface SdkKeyWrite {

    /**
     * @param ifMatch the etag the resource was read with; null when its service gave none
     */
    Object send(OciClients clients, String resourceId, String ifMatch, String keyId);

    /** The key change that sends this write once, named by its operation for errors (e.g. UpdateVolumeBackup). */
    static KeyChange once(String operation, SdkKeyWrite write) {
        return (clients, resource, key) -> OciCalls.call(operation + " " + resource.id(),
                () -> write.send(clients, resource.id(), resource.etag().isBlank() ? null : resource.etag(), key.keyId()));
    }
}
