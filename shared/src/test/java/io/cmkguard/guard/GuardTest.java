package io.cmkguard.guard;

import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.Mode;
import io.cmkguard.notify.Digest;
import io.cmkguard.notify.Finding;
import io.cmkguard.notify.LogOnlyNotifier;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.KeyDirectory;
import io.cmkguard.oci.OciClients;
import io.cmkguard.policy.Status;
import io.cmkguard.resource.Candidate;
import io.cmkguard.model.Encryption;
import io.cmkguard.resource.Identity;
import io.cmkguard.model.Resource;
import io.cmkguard.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guard with in-memory fakes of its ports: a resource type that needs no OCI, a recording notifier. */
class GuardTest {
    private static final String ID = "ocid1.volume.oc1.iad.fake";
    private static final String COMPARTMENT = "ocid1.compartment.oc1..fake";

    /** Finds every resource on the Oracle-managed key, in the given state; never writes. */
    private static final class FakeType implements ResourceType {
        private final String state;

        FakeType() {
            this("AVAILABLE");
        }

        FakeType(String state) {
            this.state = state;
        }

        public String name() {
            return "block-volume";
        }

        public String noun() {
            return "block volume";
        }

        public Identity identity() {
            return Identity.ocid("volume");
        }

        public String collection() {
            return "volumes";
        }

        public Set<String> eventTypes() {
            return Set.of("com.example.fake");
        }

        public Optional<Resource> fetch(OciClients clients, String id) {
            return Optional.of(new Resource(name(), id, "fake-vol", COMPARTMENT, "us-ashburn-1", state,
                    Encryption.oracleManaged(), List.of(), Optional.empty(), Map.of(), "etag-1"));
        }

        public List<String> list(OciClients clients, String compartmentId) {
            return List.of(ID);
        }

        public boolean keyChangeableInPlace() {
            return false;
        }

        public Optional<String> fixCommand(Resource resource, String keyId) {
            return Optional.of("fix " + resource.id());
        }

        public String consolePath(Resource resource) {
            return "/fake/" + resource.id();
        }

        public List<String> requiredPermissions() {
            return List.of();
        }

        public io.cmkguard.resource.Iam iam() {
            return io.cmkguard.resource.Iam.readOnly("read volumes");
        }
    }

    private static final class RecordingNotifier implements Notifier {
        final List<Finding> published = new ArrayList<>();

        public Optional<String> publish(Finding finding) {
            published.add(finding);
            return Optional.of("msg-" + published.size());
        }

        public Optional<String> publishDigest(Digest digest) {
            throw new AssertionError("an event never sends a digest");
        }

        public Optional<String> publishKeyAlert(io.cmkguard.notify.KeyAlert alert) {
            throw new AssertionError("a resource event never sends a key alert");
        }
    }

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);

    private Guard guard(Notifier notifier) {
        GuardConfig config = GuardConfig.fromEnv(Map.of("CMK_GUARD_MODE", "notify",
                "CMK_GUARD_TOPIC_ID", "ocid1.onstopic.oc1.iad.fake"), ResourceTypes.checkedNames());
        return new Guard(config, null, new KeyDirectory(null, Duration.ZERO, Clock.systemUTC()), notifier,
                new DecisionLog(log, Clock.systemUTC()), Clock.systemUTC());
    }

    private static Trigger event() {
        return new Trigger("ev-1", "com.example.fake", "prod", Optional.empty(), RemediationBudget.UNLIMITED, true);
    }

    @Test
    void anEventPublishesItsFindingOnceWithinTheDedupWindow() {
        RecordingNotifier notifier = new RecordingNotifier();
        Guard guard = guard(notifier);
        Candidate candidate = new Candidate(new FakeType(), ID, COMPARTMENT);

        GuardResult first = guard.check(candidate, event());
        GuardResult repeat = guard.check(candidate, event());

        assertEquals(Status.NON_COMPLIANT, first.verdict());
        assertEquals(Action.NOTIFIED, first.action());
        assertEquals(Optional.of("msg-1"), first.messageId());
        assertEquals("prod", notifier.published.get(0).compartmentName());
        assertEquals(Action.NONE, repeat.action(), "a repeat within the window is not published");
        assertEquals(1, notifier.published.size());
    }

    @Test
    void aSweepLeavesPublishingToItsDigest() {
        RecordingNotifier notifier = new RecordingNotifier();
        GuardResult r = guard(notifier).check(new Candidate(new FakeType(), ID, COMPARTMENT),
                Trigger.sweep("sweep-1", Optional.of(Mode.NOTIFY), RemediationBudget.UNLIMITED));
        assertEquals(Action.NOTIFIED, r.action());
        assertFalse(r.notified());
        assertEquals("sweep-1", r.eventId());
        assertTrue(notifier.published.isEmpty());
    }

    @Test
    void aResourceTerminatedBeforeTheReadIsNotJudged() {
        RecordingNotifier notifier = new RecordingNotifier();
        GuardResult r = guard(notifier).check(new Candidate(new FakeType("TERMINATED"), ID, COMPARTMENT), event());
        assertEquals(Status.NOT_FOUND, r.verdict());
        assertEquals(Action.NONE, r.action());
        assertTrue(r.reasons().get(0).contains("is TERMINATED"), r.reasons().toString());
        assertTrue(notifier.published.isEmpty());
    }

    @Test
    void withoutATopicTheFindingIsLoggedNotPublished() {
        GuardResult r = guard(new LogOnlyNotifier(log, Clock.systemUTC()))
                .check(new Candidate(new FakeType(), ID, COMPARTMENT), event());
        assertEquals(Action.LOGGED, r.action());
        assertFalse(r.notified());
        String text = logged.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\"log\":\"cmk-guard.notification\"") && text.contains("fake-vol"), text);
    }
}
