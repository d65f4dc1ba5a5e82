package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The checks OCI makes before a write: etag, lifecycle state, and that a key exists and is usable. */
final class WritePreconditions {
    private final ResourceStore store;
    private final KeyGrants grants;

    WritePreconditions(ResourceStore store, KeyGrants grants) {
        this.store = store;
        this.grants = grants;
    }

    /** 412 NoEtagMatch when the request has an if-match that is not the resource's etag. */
    void checkEtag(IncomingRequest request, ObjectNode resource) {
        String ifMatch = request.header("if-match");
        String etag = Json.text(resource, "etag");
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(etag)) {
            throw ApiError.etagMismatch(ifMatch, etag);
        }
    }

    /** 409 IncorrectState unless the resource is AVAILABLE. */
    void requireAvailable(ObjectNode resource, String what) {
        String state = Json.text(resource, "lifecycleState");
        if (!"AVAILABLE".equals(state)) {
            throw ApiError.incorrectState(what + " is " + state + "; it can only be changed while AVAILABLE");
        }
    }

    /**
     * The key, which must be in the world (else 404), usable by the service that uses it (else 404
     * NotAuthorizedOrFoundKmsKey, when the world says the grant is missing) and ENABLED (else 409 IncorrectState).
     */
    ObjectNode usableKey(String keyUser, String keyId) {
        ObjectNode key = store.find(ResourceCollection.KEYS, keyId)
                .orElseThrow(() -> ApiError.notFound("keys/" + keyId));
        grants.check(keyUser, keyId);
        String state = Json.text(key, "lifecycleState");
        if (!"ENABLED".equals(state)) {
            throw ApiError.incorrectState("key " + keyId + " is " + state + "; only an ENABLED key can be used");
        }
        return key;
    }

    /** All the usual checks of an update that may set a key. */
    void checkUpdate(IncomingRequest request, ObjectNode resource, String what) {
        checkEtag(request, resource);
        requireAvailable(resource, what);
    }
}
