package io.cmkguard.resource;

import io.cmkguard.oci.OciCalls;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/** Reads a paged LIST to its end (the SDK's paginators fetch the next pages) and keeps the live ids. */
public final class Listing {
    /** States of a resource that is being deleted or is gone: never judged, never counted. */
    public static final Set<String> GONE = Set.of("TERMINATED", "TERMINATING", "DELETED", "DELETING");

    private Listing() {
    }

    public static boolean isGone(String lifecycleState) {
        return GONE.contains(lifecycleState);
    }

    /**
     * @param operation what is listed, for errors (e.g. "ListVolumes ocid1.compartment...")
     * @param records   the paginator's record iterator (pages are fetched while iterating)
     */
    public static <T> List<String> liveIds(String operation, Supplier<Iterable<T>> records,
                                           Function<T, String> lifecycleState, Function<T, String> id) {
        return OciCalls.call(operation, () -> {
            List<String> ids = new ArrayList<>();
            for (T record : records.get()) {
                if (!isGone(lifecycleState.apply(record))) {
                    ids.add(id.apply(record));
                }
            }
            return ids;
        });
    }
}
