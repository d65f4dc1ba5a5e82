package io.cmkguard.resource;

import com.oracle.bmc.identity.requests.GetCompartmentRequest;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
        return candidates(type.list(clients, compartmentId), type, compartmentId);
    }

    /**
     * What one listing found, also when it stopped short.
     *
     * @param found        sorted by id; when the listing stopped short, the resources read before it did
     * @param stoppedShort why the listing did not reach its end (a failed page, the page cap, the deadline)
     */
    public record Listed(List<Candidate> found, Optional<OciCallException> stoppedShort) {
        public Listed {
            found = List.copyOf(found);
        }
    }

    /** As {@link #in}, keeping what was read before a listing failed or was cut, and why. */
    public Listed listed(String compartmentId, ResourceType type) {
        try {
            return new Listed(in(compartmentId, type), Optional.empty());
        } catch (OciCallException e) {
            return new Listed(candidates(e.listedBefore(), type, compartmentId), Optional.of(e));
        }
    }

    private static List<Candidate> candidates(List<String> ids, ResourceType type, String compartmentId) {
        return ids.stream().distinct().sorted().map(id -> new Candidate(type, id, compartmentId)).toList();
    }

    /** How long OCI has asked (by Retry-After) that no request be sent; zero when it has not. */
    public Duration throttledFor() {
        return clients.throttledFor();
    }

    /** Every live resource of the given types under the tree, compartment by compartment. */
    public List<Candidate> under(CompartmentTree tree, List<ResourceType> types) {
        return tree.compartmentIds().stream()
                .flatMap(c -> types.stream().flatMap(t -> in(c, t).stream()))
                .toList();
    }
}
