package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.OciEmulator;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The detached invocations the function made of itself through the emulator (a sweep's chain: each link invokes
 * the next), followed as they end: each is handed on once it has finished, in the order the emulator received
 * them, until none runs or the wait is over.
 */
final class DetachedInvocations {
    /** How often the list is looked at while links run: a link's answer shows within this. */
    private static final Duration POLL = Duration.ofMillis(200);

    private final OciEmulator emulator;
    private int handed;

    DetachedInvocations(OciEmulator emulator) {
        this.emulator = emulator;
    }

    /** Whether the function invoked itself at all so far. */
    boolean any() {
        return !detached().isEmpty();
    }

    /**
     * Hands on every detached invocation not handed on before, each once it finished (its record: callId, body,
     * status, answer or error, ...), until none runs.
     *
     * @return false when some still ran after {@code wait} (those are not handed on)
     */
    boolean follow(Duration wait, Consumer<ObjectNode> finished) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            // idle first: with no detached invocation running, none can start, so the list read next is final
            boolean idle = emulator.awaitDetachedInvocations(POLL);
            List<ObjectNode> all = detached();
            while (handed < all.size() && !"RUNNING".equals(all.get(handed).path("status").asText())) {
                finished.accept(all.get(handed++));
            }
            if (idle && handed == all.size()) {
                return true;
            }
            if (System.nanoTime() - end > 0) {
                return false;
            }
        }
    }

    /** How many still ran when last looked at. */
    long running() {
        return detached().stream().filter(i -> "RUNNING".equals(i.path("status").asText())).count();
    }

    private List<ObjectNode> detached() {
        return emulator.invocations().stream().filter(i -> "detached".equals(i.path("invokeType").asText())).toList();
    }
}
