package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.DatabaseSummary;
import com.oracle.bmc.database.model.DbHomeSummary;
import com.oracle.bmc.database.requests.ListDatabasesRequest;
import com.oracle.bmc.database.requests.ListDbHomesRequest;
import com.oracle.bmc.database.responses.ListDatabasesResponse;
import com.oracle.bmc.database.responses.ListDbHomesResponse;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.Listing;

import java.util.ArrayList;
import java.util.List;

/**
 * The databases under a DB system, cloud VM cluster or DB home, found through their DB homes (a DB
 * home's databases share its compartment, the one the creating event reports).
 */
final class DatabasesUnder {
    private DatabasesUnder() {
    }

    /** @param parentKind the OCID kind of the parent: dbsystem, cloudvmcluster or dbhome */
    static List<String> parent(OciClients clients, String compartmentId, String parentKind, String parentId) {
        List<String> homes = parentKind.equals("dbhome")
                ? List.of(parentId) : homes(clients, compartmentId, parentKind, parentId);
        return homes.stream().flatMap(h -> databases(clients, compartmentId, h).stream()).distinct().toList();
    }

    /** Every live database in a compartment: through its DB homes (ListDatabases needs one). */
    static List<String> compartment(OciClients clients, String compartmentId) {
        ListDbHomesRequest request = ListDbHomesRequest.builder().compartmentId(compartmentId).build();
        List<String> homes;
        try {
            homes = Listing.liveIds("ListDbHomes " + compartmentId,
                    () -> clients.database().getPaginators().listDbHomesResponseIterator(request),
                    ListDbHomesResponse::getItems, h -> Wire.value(h.getLifecycleState()), DbHomeSummary::getId);
        } catch (OciCallException e) {
            throw e.listedBefore(List.of()); // DB homes read, but no database yet
        }
        List<String> found = new ArrayList<>();
        for (String home : homes) {
            try {
                found.addAll(databases(clients, compartmentId, home));
            } catch (OciCallException e) {
                List<String> listed = new ArrayList<>(found);
                listed.addAll(e.listedBefore());
                throw e.listedBefore(listed.stream().distinct().toList());
            }
        }
        return found.stream().distinct().toList();
    }

    private static List<String> homes(OciClients clients, String compartmentId, String parentKind, String parentId) {
        ListDbHomesRequest.Builder request = ListDbHomesRequest.builder().compartmentId(compartmentId);
        if (parentKind.equals("dbsystem")) {
            request.dbSystemId(parentId);
        } else {
            request.vmClusterId(parentId); // ListDbHomes names cloud and Cloud@Customer VM clusters alike
        }
        List<DbHomeSummary> found = OciCalls.call("ListDbHomes " + parentId, () ->
                DatabaseFamily.all(clients.database().getPaginators().listDbHomesRecordIterator(request.build())));
        return found.stream()
                .filter(h -> !DatabaseFamily.isGone(Wire.value(h.getLifecycleState())))
                .map(DbHomeSummary::getId)
                .toList();
    }

    private static List<String> databases(OciClients clients, String compartmentId, String dbHomeId) {
        ListDatabasesRequest request = ListDatabasesRequest.builder()
                .compartmentId(compartmentId)
                .dbHomeId(dbHomeId)
                .build();
        return Listing.liveIds("ListDatabases " + dbHomeId,
                () -> clients.database().getPaginators().listDatabasesResponseIterator(request),
                ListDatabasesResponse::getItems, d -> Wire.value(d.getLifecycleState()), DatabaseSummary::getId);
    }
}
