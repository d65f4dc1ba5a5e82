package io.cmkguard.resource.type;

import com.oracle.bmc.http.internal.BmcEnum;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.Listing;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of resource's paged LIST in a compartment as the SDK models it: the paginator's records, and the
 * state and id of each. Only live resources are kept ({@link Listing}).
 *
 * @param operation the API operation, for errors, e.g. ListVolumeBackups
 */
record SdkList<S>(String operation, BiFunction<OciClients, String, Iterable<S>> records, Function<S, BmcEnum> state,
                  Function<S, String> id) {

    List<String> liveIds(OciClients clients, String compartmentId) {
        return Listing.liveIds(operation + " " + compartmentId, () -> records.apply(clients, compartmentId),
                record -> Wire.value(state.apply(record)), id);
    }
}
