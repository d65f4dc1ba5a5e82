package io.cmkguard.emulator;

import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.core.BlockstorageClient;
import com.oracle.bmc.core.model.Volume;
import com.oracle.bmc.core.requests.ListVolumesRequest;
import com.oracle.bmc.core.responses.ListVolumesResponse;
import com.oracle.bmc.model.BmcException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** LIST calls page like OCI's (limit, page, opc-next-page), and a generated world's tree of compartments. */
class PagingTest {
    private static final String COMPARTMENT = "ocid1.compartment.oc1..generated-1";
    private final SigningKeys keys = SigningKeys.generate();
    private final BasicAuthenticationDetailsProvider auth = Sdk.auth(keys);
    private final GeneratedWorld generated = GeneratedWorld.generate(1, 1, 250, 1);
    private OciEmulator emulator;

    @BeforeEach
    void start() {
        emulator = OciEmulator.start(generated.world(), EmulatorOptions.trusting(keys.publicKey()));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void pagesFollowOpcNextPageUntilItIsAbsent() {
        try (BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            List<String> seen = new ArrayList<>();
            String page = null;
            int pages = 0;
            do {
                ListVolumesResponse response = client.listVolumes(ListVolumesRequest.builder()
                        .compartmentId(COMPARTMENT).limit(100).page(page).build());
                response.getItems().stream().map(Volume::getId).forEach(seen::add);
                page = response.getOpcNextPage();
                pages++;
            } while (page != null);
            assertEquals(3, pages);
            assertEquals(generated.fates("volumes").keySet().stream()
                    .filter(id -> id.contains(".gen1x")).toList(), seen, "every volume once, in order");
        }
    }

    @Test
    void withoutALimitAPageHoldsOneHundred() {
        try (BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            ListVolumesResponse first = client.listVolumes(ListVolumesRequest.builder()
                    .compartmentId(COMPARTMENT).build());
            assertEquals(ResourceReads.DEFAULT_PAGE_SIZE, first.getItems().size());
            ListVolumesResponse last = client.listVolumes(ListVolumesRequest.builder()
                    .compartmentId(COMPARTMENT).page("200").build());
            assertEquals(50, last.getItems().size());
            assertNull(last.getOpcNextPage());
        }
    }

    @Test
    void aTokenNotFromOpcNextPageIsRefused() {
        try (BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            BmcException e = assertThrows(BmcException.class, () -> client.listVolumes(ListVolumesRequest.builder()
                    .compartmentId(COMPARTMENT).page("not-a-token").build()));
            assertEquals(400, e.getStatusCode());
            assertEquals("InvalidParameter", e.getServiceCode());
        }
    }

    @Test
    void anEndlessPagesFaultNamesTheSamePageAgainForever() {
        emulator.faults().add(Fault.on("GET", "/20160918/volumes").endlessPages());
        try (BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            String page = "200";
            for (int i = 0; i < 5; i++) {
                ListVolumesResponse r = client.listVolumes(ListVolumesRequest.builder()
                        .compartmentId(COMPARTMENT).page(page).build());
                assertEquals(50, r.getItems().size(), "the same last page again");
                assertEquals("200", r.getOpcNextPage());
                page = r.getOpcNextPage();
            }
            assertEquals("0", client.listVolumes(ListVolumesRequest.builder().compartmentId(COMPARTMENT).build())
                    .getOpcNextPage(), "a first page names itself");
        }
    }

    @Test
    void repeatedAndExtraItemsAreAddedToEveryListAnswer() {
        ObjectNode stranger = Json.object();
        stranger.put("id", "ocid1.volume.oc1.iad.moved");
        stranger.put("compartmentId", "ocid1.compartment.oc1..elsewhere");
        stranger.put("lifecycleState", "AVAILABLE");
        emulator.faults().add(Fault.on("GET", "/20160918/volumes").repeatItems().extraItems(List.of(stranger)));
        try (BlockstorageClient client = Sdk.blockstorage(emulator, auth)) {
            ListVolumesResponse r = client.listVolumes(ListVolumesRequest.builder()
                    .compartmentId(COMPARTMENT).page("200").build());
            List<String> ids = r.getItems().stream().map(Volume::getId).toList();
            assertEquals(101, ids.size(), "50 twice and the extra one");
            assertEquals(ids.get(0), ids.get(1));
            assertEquals("ocid1.volume.oc1.iad.moved", ids.get(100));
        }
    }

    @Test
    void aRetryAfterFaultSendsItsHeaderAndTheFaultRoundTripsThroughTheWorldFormat() throws Exception {
        Fault fault = Fault.on("*", "/.*").respond(429, "TooManyRequests").retryAfter("86400").endlessPages();
        emulator.faults().add(fault);
        RawRequests raw = new RawRequests(emulator);
        var answer = raw.send(raw.signed("GET", "/20160918/volumes?compartmentId=" + COMPARTMENT, keys.keyId(),
                keys.privateKey()));
        assertEquals(429, answer.statusCode());
        assertEquals("86400", answer.headers().firstValue("retry-after").orElse(null));
        assertEquals(fault, Fault.fromJson(fault.toJson()));
    }
}
