package io.cmkguard.resource;

import java.util.List;
import java.util.Optional;

/**
 * The IAM a resource type needs, in policy words ("read volumes"): what the function needs to check it,
 * what more it needs to re-key it, and who else OCI requires to use the key for the change to work.
 * {@code bin/cmk-guard policies} and the Terraform stack build their statements from these.
 *
 * @param read      verb and IAM resource-type pairs the checks need, e.g. {@code read volumes}
 * @param remediate the extra pairs an in-place key change needs, e.g. {@code use volumes}; empty if never re-keyed
 * @param keyUser   the principal that must be allowed to use the key (a service, or the resources' dynamic group)
 */
public record Iam(List<String> read, List<String> remediate, Optional<KeyUser> keyUser) {

    public Iam {
        read = List.copyOf(read);
        remediate = List.copyOf(remediate);
    }

    public static Iam readOnly(String... read) {
        return new Iam(List.of(read), List.of(), Optional.empty());
    }

    public Iam remediatedWith(String... grants) {
        return new Iam(read, List.of(grants), keyUser);
    }

    public Iam keyUsedBy(KeyUser user) {
        return new Iam(read, remediate, Optional.of(user));
    }
}
