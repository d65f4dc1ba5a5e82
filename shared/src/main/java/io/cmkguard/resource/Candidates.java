package io.cmkguard.resource;

import com.oracle.bmc.identity.requests.GetCompartmentRequest;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;

import java.util.List;

/**
 * The live resources of given types in a compartment or a compartment tree: what a sweep (or a
 * watch) checks. Listing itself stays with each {@link ResourceType}.
 */
public final class Candidates {
    private final OciClients clients;

    public Candidates(OciClients clients) {
        this.clients = clients;
    }

    /** The subtree under a compartment (itself included), or only the compartment. */
    public CompartmentTree tree(String compartmentId, boolean includeSubcompartments) {
        boolean rootConfirmed = rootIsActive(compartmentId);
        CompartmentTree tree = includeSubcompartments ? CompartmentTree.read(clients, compartmentId)
                : CompartmentTree.single(compartmentId);
        return rootConfirmed ? tree : tree.unconfirmed();
    }

    /**
     * Reads the root: true when it is ACTIVE, false when Identity does not answer for it (it does not
     * exist, or the function may only look inside it); a root in another state is an error.
     */
    private boolean rootIsActive(String compartmentId) {
        String state = OciCalls.find("GetCompartment " + compartmentId, () -> clients.identity().getCompartment(
                        GetCompartmentRequest.builder().compartmentId(compartmentId).build()).getCompartment())
                .map(c -> c.getLifecycleState() == null ? "UNKNOWN" : c.getLifecycleState().getValue())
                .orElse("");
        if (!state.isEmpty() && !state.equals("ACTIVE")) {
            throw OciCallException.compartmentNotFound(compartmentId, state);
        }
        return !state.isEmpty();
    }

    /** The live resources of one type in one compartment, sorted by id (a stable order to resume in). */
    public List<Candidate> in(String compartmentId, ResourceType type) {
        return type.list(clients, compartmentId).stream().distinct().sorted()
                .map(id -> new Candidate(type, id, compartmentId)).toList();
    }

    /** Every live resource of the given types under the tree, compartment by compartment. */
    public List<Candidate> under(CompartmentTree tree, List<ResourceType> types) {
        return tree.compartmentIds().stream()
                .flatMap(c -> types.stream().flatMap(t -> in(c, t).stream()))
                .toList();
    }
}
