package io.cmkguard.resource;

import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciClients;

import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a key change leaves undone, for types where OCI leaves something (a bucket's objects written before
 * keep their old key until it is re-encrypted): the advice every finding carries, and the call that starts
 * it, returning the work request OCI answered.
 */
public record AfterKeyChange(Function<Resource, String> advice, BiFunction<OciClients, Resource, Optional<String>> start) {
}
