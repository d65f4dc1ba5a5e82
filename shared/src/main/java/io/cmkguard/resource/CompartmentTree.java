package io.cmkguard.resource;

import com.oracle.bmc.identity.requests.GetCompartmentRequest;
import com.oracle.bmc.identity.model.Compartment;
import com.oracle.bmc.identity.requests.ListCompartmentsRequest;
import com.oracle.bmc.identity.responses.ListCompartmentsResponse;
import io.cmkguard.oci.CallDeadline;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.util.Ocid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.TreeSet;

/**
 * A compartment and its ACTIVE subcompartments, from Identity. The order is stable (the root, then
 * the others by OCID), so a sweep cut short can say where it stopped and resume there.
 *
 * @param rootConfirmed whether Identity answered for the root itself (a least-privilege policy may let
 *                      the function list inside a compartment without reading the compartment)
 */
public record CompartmentTree(String rootId, List<String> compartmentIds, boolean rootConfirmed) {

    public CompartmentTree {
        compartmentIds = List.copyOf(compartmentIds);
    }

    public CompartmentTree(String rootId, List<String> compartmentIds) {
        this(rootId, compartmentIds, true);
    }

    /** The same tree, its root not confirmed to exist. */
    public CompartmentTree unconfirmed() {
        return new CompartmentTree(rootId, compartmentIds, false);
    }

    /** Just the one compartment. */
    public static CompartmentTree single(String compartmentId) {
        return new CompartmentTree(compartmentId, List.of(compartmentId));
    }

    /**
     * Reads the subtree: for a tenancy one paged ListCompartments with compartmentIdInSubtree (OCI
     * allows it only there); for any other compartment one ListCompartments per level.
     */
    public static CompartmentTree read(OciClients clients, String rootId) {
        TreeSet<String> below = new TreeSet<>();
        if (Ocid.kindOf(rootId).equals("tenancy")) {
            below.addAll(activeChildren(clients, rootId, true));
        } else {
            Deque<String> parents = new ArrayDeque<>(List.of(rootId));
            while (!parents.isEmpty()) {
                if (CallDeadline.passed()) { // one ListCompartments per compartment: a wide tree takes long
                    throw OciCallException.listingCut("ListCompartments " + rootId, Listing.DEADLINE_EXCEEDED,
                            "the compartments under " + rootId + " were still being read when the invocation's"
                                    + " deadline came (" + below.size() + " found so far)", List.of());
                }
                for (String child : activeChildren(clients, parents.pop(), false)) {
                    if (below.add(child)) {
                        parents.add(child);
                    }
                }
            }
        }
        below.remove(rootId);
        List<String> ids = new ArrayList<>();
        ids.add(rootId);
        ids.addAll(below);
        return new CompartmentTree(rootId, ids);
    }

    private static List<String> activeChildren(OciClients clients, String parentId, boolean wholeSubtree) {
        ListCompartmentsRequest request = ListCompartmentsRequest.builder()
                .compartmentId(parentId)
                .compartmentIdInSubtree(wholeSubtree)
                .accessLevel(ListCompartmentsRequest.AccessLevel.Any)
                .lifecycleState(Compartment.LifecycleState.Active)
                .build();
        List<String> children = Listing.liveIds("ListCompartments " + parentId,
                () -> clients.identity().getPaginators().listCompartmentsResponseIterator(request),
                ListCompartmentsResponse::getItems,
                c -> c.getLifecycleState() == null ? "" : c.getLifecycleState().getValue(), Compartment::getId);
        for (String child : children) {
            // an id that goes into the next calls' URLs and into a continuation token: OCI's shape, or no sweep
            if (child == null || child.length() > Ocid.MAX_LENGTH || !Ocid.kindOf(child).equals("compartment")) {
                throw OciCallException.malformedResponse("ListCompartments " + parentId, "a compartment id that is"
                        + " not a compartment OCID of at most " + Ocid.MAX_LENGTH + " characters");
            }
        }
        return children;
    }

    /** The tenancy (root compartment) above a compartment, through Identity; the default scope. */
    public static String tenancyOf(OciClients clients, String compartmentId) {
        String current = compartmentId;
        for (int level = 0; level < 8 && !Ocid.kindOf(current).equals("tenancy"); level++) { // OCI nests six deep
            String id = current;
            current = OciCalls.call("GetCompartment " + id, () -> clients.identity()
                    .getCompartment(GetCompartmentRequest.builder().compartmentId(id).build()).getCompartment())
                    .getCompartmentId();
        }
        return current;
    }
}
