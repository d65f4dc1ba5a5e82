package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;


/** UpdateVolumeBackup / UpdateBootVolumeBackup: display name, tags, and the backup's key. */
final class BackupRoutes {
    private final ResourceStore store;
    private final WritePreconditions preconditions;

    BackupRoutes(ResourceStore store, WritePreconditions preconditions) {
        this.store = store;
        this.preconditions = preconditions;
    }

    /** A kmsKeyId of "" means Oracle-managed, as in OCI. */
    Response update(IncomingRequest request, ResourceCollection backups, String id) {
        ObjectNode details = request.jsonBody();
        ObjectNode backup = store.modify(backups, id, live -> {
            preconditions.checkUpdate(request, live, backups.wireName() + "/" + id);
            UpdateBody.apply(details, live, key -> setKey(live, key));
        });
        return Response.resource(backup);
    }

    private void setKey(ObjectNode backup, String kmsKeyId) {
        if (kmsKeyId.isEmpty()) {
            backup.remove("kmsKeyId");
        } else {
            preconditions.usableKey(KeyGrants.BLOCK_STORAGE, kmsKeyId);
            backup.put("kmsKeyId", kmsKeyId);
        }
    }
}
