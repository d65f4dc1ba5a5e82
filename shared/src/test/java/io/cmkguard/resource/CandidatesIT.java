package io.cmkguard.resource;

import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.GeneratedWorld.Fate;
import io.cmkguard.oci.OciClients;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Listing through the SDK's paginators against the emulator: every live resource, once; nothing gone. */
class CandidatesIT {

    @Test
    void everyLiveResourceOfEveryTypeUnderTheTenancyIsListedOnceAcrossPages() {
        GeneratedWorld generated = GeneratedWorld.generate(1, 2, 120, 7); // 120 per list: more than a page
        try (EmulatedCloud cloud = new EmulatedCloud(generated.world()); OciClients clients = cloud.clients()) {
            Candidates candidates = new Candidates(clients);
            CompartmentTree tree = candidates.tree(GeneratedWorld.TENANCY, true);
            assertEquals(generated.compartments(), tree.compartmentIds(), "ACTIVE compartments, root first");

            List<ResourceType> types = ResourceTypes.ALL.stream().filter(t -> !t.eventTypes().isEmpty()).toList();
            List<Candidate> found = candidates.under(tree, types);

            Set<String> expected = new HashSet<>();
            GeneratedWorld.CHECKED.forEach(c -> expected.addAll(
                    generated.ids(c, Fate.ORACLE_MANAGED, Fate.EXEMPT, Fate.CUSTOMER_MANAGED)));
            List<String> ids = found.stream().map(Candidate::id).toList();
            assertEquals(expected.size(), ids.size(), "no duplicates, nothing missing");
            assertEquals(expected, new HashSet<>(ids));
            assertTrue(cloud.emulator.requests().stream().anyMatch(r -> r.query().contains("page=")),
                    "lists of more than 100 are read page by page");
        }
    }

    @Test
    void aCompartmentThatIsNotTheTenancyIsWalkedLevelByLevel() {
        GeneratedWorld generated = GeneratedWorld.generate(3, 2, 2, 3);
        try (EmulatedCloud cloud = new EmulatedCloud(generated.world()); OciClients clients = cloud.clients()) {
            String root = "ocid1.compartment.oc1..generated-2";
            CompartmentTree tree = new Candidates(clients).tree(root, true);
            List<String> expected = generated.compartments().stream()
                    .filter(c -> c.equals(root) || c.startsWith(root + "-")).sorted().toList();
            assertEquals(root, tree.compartmentIds().get(0));
            assertEquals(expected, tree.compartmentIds().stream().sorted().toList());
            assertEquals(List.of(root), new Candidates(clients).tree(root, false).compartmentIds());
        }
    }
}
