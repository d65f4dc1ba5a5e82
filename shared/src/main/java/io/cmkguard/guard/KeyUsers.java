package io.cmkguard.guard;

import io.cmkguard.resource.CompartmentTree;
import io.cmkguard.resource.Candidate;
import io.cmkguard.resource.Candidates;
import io.cmkguard.resource.ResourceType;
import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciClients;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds every resource of every checked type under a compartment tree whose data (or a replica of it)
 * is on one of the given Vault keys: a key's blast radius. It lists through the sweep's {@link Candidates}
 * and re-reads each resource with its type (several at once), and stops cleanly at a deadline, saying how
 * far it got.
 */
public final class KeyUsers {
    private final OciClients clients;
    private final Candidates candidates;
    private final Clock clock;

    public KeyUsers(OciClients clients, Candidates candidates, Clock clock) {
        this.clients = clients;
        this.candidates = candidates;
        this.clock = clock;
    }

    /**
     * @param complete  false when the deadline came first or a listing failed (see gaps)
     * @param searched  compartments searched to the end, of {@code compartments}
     * @param gaps      what could not be read, e.g. "ListVolumes ocid1.compartment...: NotAuthorizedOrNotFound"
     */
    public record Found(List<Resource> users, boolean complete, int searched, int compartments, List<String> gaps) {
        public Found {
            users = List.copyOf(users);
            gaps = List.copyOf(gaps);
        }
    }

    /**
     * @param concurrency resources re-read at once (the sweep's bound): the search is mostly waiting on reads
     */
    public Found of(Set<String> keyIds, String scopeId, Instant deadline, int concurrency) {
        CompartmentTree tree = candidates.tree(scopeId, true);
        List<ResourceType> types = ResourceTypes.checked();
        List<Resource> users = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        AtomicBoolean cut = new AtomicBoolean();
        Batch pool = new Batch("key-users", concurrency);
        try {
            int searched = 0;
            for (String compartmentId : tree.compartmentIds()) {
                for (ResourceType type : types) {
                    List<Future<Optional<Resource>>> reads = new ArrayList<>();
                    try {
                        for (Candidate c : candidates.in(compartmentId, type)) {
                            reads.add(pool.startWhenFree(() -> {
                                if (!clock.instant().isBefore(deadline)) {
                                    cut.set(true);
                                    return Optional.<Resource>empty();
                                }
                                return type.fetch(clients, c.id()).filter(r -> usesAny(r, keyIds));
                            }));
                        }
                    } catch (OciCallException e) {
                        gaps.add(e.getMessage());
                    }
                    for (Future<Optional<Resource>> read : reads) {
                        collect(read, users, gaps);
                    }
                    if (cut.get()) {
                        return new Found(users, false, searched, tree.compartmentIds().size(), gaps);
                    }
                }
                searched++;
            }
            return new Found(users, gaps.isEmpty(), searched, tree.compartmentIds().size(), gaps);
        } finally {
            pool.close();
        }
    }

    private static void collect(Future<Optional<Resource>> read, List<Resource> users, List<String> gaps) {
        try {
            read.get().ifPresent(users::add);
        } catch (ExecutionException e) {
            gaps.add(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gaps.add("interrupted");
        }
    }

    /** Its own key, or a replica's, is one of the keys. */
    static boolean usesAny(Resource r, Set<String> keyIds) {
        return isOn(r.encryption(), keyIds) || r.replicas().stream().anyMatch(rep -> isOn(rep.encryption(), keyIds));
    }

    private static boolean isOn(Encryption e, Set<String> keyIds) {
        return e.kind() == Encryption.Kind.OCI_VAULT && keyIds.contains(e.keyId());
    }
}
