package io.cmkguard.resource;

import com.oracle.bmc.model.BmcException;
import io.cmkguard.oci.CallDeadline;
import io.cmkguard.oci.OciCallException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a paged LIST page by page (the SDK's response iterators fetch one page per step) and keeps the
 * live ids, within bounds: at most {@link #MAX_PAGES} pages, and no page fetched after the calling
 * thread's {@link CallDeadline}. A listing that fails, hits the page cap or the
 * deadline throws an {@link OciCallException} that carries the ids listed before it stopped, so what
 * was read can still be judged and the rest reported unjudged.
 */
public final class Listing {
    /** States of a resource that is being deleted or is gone: never judged, never counted. */
    public static final Set<String> GONE = Set.of("TERMINATED", "TERMINATING", "DELETED", "DELETING");
    /**
     * Pages one listing may take: 1 000 pages is 100 000 resources of one type in one compartment at
     * OCI's usual page size, far past any real compartment; a page token that never ends stops here.
     */
    public static final int MAX_PAGES = 1_000;
    public static final String PAGE_LIMIT_EXCEEDED = "PageLimitExceeded";
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";

    private Listing() {
    }

    public static boolean isGone(String lifecycleState) {
        return GONE.contains(lifecycleState);
    }

    /**
     * @param operation what is listed, for errors (e.g. "ListVolumes ocid1.compartment...")
     * @param pages     the paginator's response iterable (one page fetched per step)
     * @param items     the records of one page
     */
    public static <R, T> List<String> liveIds(String operation, Supplier<Iterable<R>> pages, Function<R, List<T>> items,
                                              Function<T, String> lifecycleState, Function<T, String> id) {
        List<String> ids = new ArrayList<>();
        int read = 0;
        try {
            Iterator<R> it = pages.get().iterator();
            while (it.hasNext()) {
                if (read >= MAX_PAGES) {
                    throw OciCallException.listingCut(operation, PAGE_LIMIT_EXCEEDED, operation + " still named a"
                            + " next page after " + MAX_PAGES + " pages: the listing was stopped there (a page token"
                            + " that never ends?)", ids);
                }
                if (read > 0 && CallDeadline.passed()) {
                    throw OciCallException.listingCut(operation, DEADLINE_EXCEEDED, operation + " was stopped by"
                            + " the invocation's deadline after " + read + " pages", ids);
                }
                R page = it.next();
                read++;
                for (T record : items.apply(page)) {
                    if (!isGone(lifecycleState.apply(record))) {
                        ids.add(id.apply(record));
                    }
                }
            }
            return ids;
        } catch (BmcException e) {
            throw new OciCallException(operation, e).listedBefore(ids);
        }
    }
}
