package io.cmkguard.resource;

import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;
import io.cmkguard.model.KeyFacts;

import java.util.Optional;

/**
 * Puts a resource on a key, and when OCI refuses because the service (or the databases' dynamic group) may
 * not use the key, says which statement is missing instead of a bare 404. OCI's storage services answer
 * 404 NotAuthorizedOrFoundKmsKey when the service principal may not use the key.
 */
public final class KeyAssignment {
    public static final String MISSING_KEY_GRANT = "MissingKeyGrant";
    /** What OCI's storage services answer (with 404) when the service may not use the key. */
    static final String KEY_REFUSED = "NotAuthorizedOrFoundKmsKey";
    /** The "&lt;vault compartment&gt;" of a statement named in a finding: the key's OCID does not carry it. */
    static final String VAULT_SCOPE = "compartment <the compartment of vault %s>";

    private KeyAssignment() {
    }

    public static void assign(ResourceType type, OciClients clients, Resource resource, KeyFacts key) {
        try {
            type.assignKey(clients, resource, key);
        } catch (OciCallException e) {
            throw explain(e, type, key);
        }
    }

    /**
     * OCI's key refusal (404 NotAuthorizedOrFoundKmsKey) as a MissingKeyGrant fault naming the statement; a
     * generic 404 keeps its code (the resource may have gone, or the function lack its own grant) but names
     * the grant as the likely cause; any other failure unchanged.
     */
    static OciCallException explain(OciCallException e, ResourceType type, KeyFacts key) {
        Optional<KeyUser> user = type.iam().keyUser();
        if (e.status() != 404 || user.isEmpty()) {
            return e;
        }
        String scope = VAULT_SCOPE.formatted(key.vaultId().isBlank() ? "?" : key.vaultId());
        String grant = user.get().keyStatement(scope, key.keyId())
                + user.get().vaultStatement(scope).map(s -> "; and " + s).orElse("")
                + " (and the function's own: Allow dynamic-group cmk-guard-fn to use key-delegate in " + scope
                + " where target.key.id = '" + key.keyId() + "')";
        String request = e.opcRequestId().isBlank() ? "" : " (opc-request-id " + e.opcRequestId() + ")";
        if (e.code().equals(KEY_REFUSED)) {
            return e.explained(MISSING_KEY_GRANT, e.operation() + " was refused with HTTP 404 " + e.code()
                    + ": OCI does not let " + user.get().subjectFor(key.keyId()) + " use key " + key.keyId() + ". Missing: "
                    + grant + request);
        }
        return e.explained(e.code(), e.getMessage() + ". The resource and the key were just read, so the likely"
                + " cause is a missing grant: " + grant);
    }
}
