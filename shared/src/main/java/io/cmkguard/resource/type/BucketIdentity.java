package io.cmkguard.resource.type;

import io.cmkguard.event.OciEvent;
import io.cmkguard.event.ResourceIdRule;
import io.cmkguard.resource.Identity;

import java.util.Optional;

/**
 * A bucket is its namespace and name ({@link BucketPath}). Its events carry a path resourceId such as
 * {@code /n/<namespace>/b/}, often without the name, which additionalDetails.bucketName or resourceName give.
 */
final class BucketIdentity implements Identity {
    static final BucketIdentity INSTANCE = new BucketIdentity();

    private static final ResourceIdRule PATH = new ResourceIdRule() {
        @Override
        public Optional<String> problem(String resourceId) {
            return BucketPath.pathProblem(resourceId);
        }
    };

    private BucketIdentity() {
    }

    @Override
    public ResourceIdRule resourceIdRule() {
        return PATH;
    }

    @Override
    public boolean owns(String id) {
        return BucketPath.parse(id).isPresent();
    }

    @Override
    public Optional<String> namedBy(OciEvent event) {
        try {
            return Optional.of(BucketPath.of(event).path().id());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String expected() {
        return "a bucket (its namespace and name in data.resourceId /n/<namespace>/b/<name>,"
                + " data.additionalDetails or data.resourceName, agreeing)";
    }

    @Override
    public String example() {
        return "/n/example/b/example-bucket";
    }
}
