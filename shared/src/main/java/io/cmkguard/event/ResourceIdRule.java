package io.cmkguard.event;

import io.cmkguard.util.Ocid;

import java.util.Optional;

/**
 * What an event's {@code data.resourceId} must be for the type the event belongs to, checked by the parser
 * before any call. Most types are named by a regional OCID; a bucket event carries a path such as
 * {@code /n/<namespace>/b/} and names the bucket in its additionalDetails.
 */
public interface ResourceIdRule {

    /** A well-formed OCID of a regional resource: what every type named by an OCID requires. */
    ResourceIdRule REGIONAL_OCID = new ResourceIdRule() {
        @Override
        public Optional<String> problem(String resourceId) {
            return Ocid.regionalProblem(resourceId).map(p -> "not a well-formed OCID: " + p);
        }
    };

    /** Why the value cannot name this type's resource; empty when it can. Never called with "" unless {@link #optional()}. */
    Optional<String> problem(String resourceId);

    /** Whether an event may leave resourceId out because it names its resource in other fields. */
    default boolean optional() {
        return false;
    }
}
