package io.cmkguard.resource.type;

import com.oracle.bmc.http.internal.BmcEnum;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of resource's GET as the SDK models it: the call, the model and etag in its answer, and the fields
 * every answer is checked on ({@link Answers}). Twins (block and boot volumes, their backups, their replicas)
 * differ only in these references; the call is made here once.
 *
 * @param operation the API operation, for errors, e.g. GetVolumeBackup
 */
record SdkGet<A, M>(String operation, BiFunction<OciClients, String, A> call, Function<A, M> model,
                    Function<A, String> etag, Function<M, String> id, Function<M, BmcEnum> state,
                    Function<M, String> compartmentId) {

    /** A checked model with the etag its answer carried. */
    record Answer<M>(M model, String etag) {
    }

    /** The resource as OCI answers it; empty when it does not exist (or may not be read). */
    Optional<Answer<M>> read(OciClients clients, String resourceId) {
        String what = operation + " " + resourceId;
        return OciCalls.find(what, () -> call.apply(clients, resourceId))
                .map(answer -> new Answer<>(Answers.checked(what, resourceId, model.apply(answer), id, state,
                        compartmentId), etag.apply(answer)));
    }
}
