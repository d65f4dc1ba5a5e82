package io.cmkguard.resource.type;

import com.oracle.bmc.http.internal.BmcEnum;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.Listing;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of resource's paged LIST in a compartment as the SDK models it: the paginator's pages (one
 * fetched per step, so {@link Listing} bounds them), the records of a page, and the state and id of each.
 * Only live resources are kept.
 *
 * @param operation the API operation, for errors, e.g. ListVolumeBackups
 */
record SdkList<P, S>(String operation, BiFunction<OciClients, String, Iterable<P>> pages, Function<P, List<S>> items,
                     Function<S, BmcEnum> state, Function<S, String> id) {

    List<String> liveIds(OciClients clients, String compartmentId) {
        return Listing.liveIds(operation + " " + compartmentId, () -> pages.apply(clients, compartmentId), items,
                record -> Wire.value(state.apply(record)), id);
    }
}
