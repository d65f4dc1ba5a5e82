package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;


/** UpdateFileSystem: display name, tags, snapshot policy and the file system's key (GET and LIST are generic). */
final class FileSystemRoutes {
    private final ResourceStore store;
    private final WritePreconditions preconditions;

    FileSystemRoutes(ResourceStore store, WritePreconditions preconditions) {
        this.store = store;
        this.preconditions = preconditions;
    }

    /** A kmsKeyId of "" means Oracle-managed, as in OCI; only an ACTIVE file system can be updated. */
    Response update(IncomingRequest request, String id) {
        ObjectNode details = request.jsonBody();
        ObjectNode fileSystem = store.modify(ResourceCollection.FILE_SYSTEMS, id, live -> {
            preconditions.checkEtag(request, live);
            String state = Json.text(live, "lifecycleState");
            if (!"ACTIVE".equals(state)) {
                throw ApiError.incorrectState("fileSystems/" + id + " is " + state
                        + "; it can only be changed while ACTIVE");
            }
            UpdateBody.apply(details, live, key -> setKey(live, key));
        });
        return Response.resource(fileSystem);
    }

    private void setKey(ObjectNode fileSystem, String kmsKeyId) {
        if (kmsKeyId.isEmpty()) {
            fileSystem.put("kmsKeyId", ""); // FileStorage answers an empty kmsKeyId for the Oracle-managed key
        } else {
            preconditions.usableKey(KeyGrants.FILE_STORAGE, kmsKeyId);
            fileSystem.put("kmsKeyId", kmsKeyId);
        }
    }
}
