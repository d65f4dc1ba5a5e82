package io.cmkguard.resource.type;

import com.oracle.bmc.database.model.DataGuardAssociationSummary;
import com.oracle.bmc.database.requests.ListDataGuardAssociationsRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A database and its Data Guard peers: creating an association (or a standby) makes a new database
 * that must be on a customer-managed key as much as its primary.
 */
final class DataGuardPeers {
    private DataGuardPeers() {
    }

    static List<String> withPeers(OciClients clients, String databaseId) {
        ListDataGuardAssociationsRequest request = ListDataGuardAssociationsRequest.builder()
                .databaseId(databaseId).build();
        List<DataGuardAssociationSummary> associations = OciCalls.call("ListDataGuardAssociations " + databaseId,
                () -> DatabaseFamily.all(clients.database().getPaginators()
                        .listDataGuardAssociationsRecordIterator(request)));
        Set<String> ids = new LinkedHashSet<>(List.of(databaseId));
        associations.stream()
                .filter(a -> !DatabaseFamily.isGone(Wire.value(a.getLifecycleState())))
                .map(DataGuardAssociationSummary::getPeerDatabaseId)
                .filter(id -> !DatabaseFamily.isBlank(id))
                .forEach(ids::add);
        return List.copyOf(ids);
    }
}
