package io.cmkguard.resource;

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
        return includeSubcompartments ? CompartmentTree.read(clients, compartmentId)
                : CompartmentTree.single(compartmentId);
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
