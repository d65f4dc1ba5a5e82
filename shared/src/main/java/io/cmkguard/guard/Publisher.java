package io.cmkguard.guard;

import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import io.cmkguard.notify.Finding;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.OciCallException;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Publishes one finding through the notifier, once: a repeat of a finding published within the
 * dedup window is not sent again, and a publishing fault leaves the result LOGGED with the cause.
 */
final class Publisher {
    private final Notifier notifier;
    private final RecentFindings recent;
    private final Duration window;

    Publisher(Notifier notifier, Duration window, Clock clock) {
        this.notifier = notifier;
        this.window = window;
        this.recent = new RecentFindings(window, clock);
    }

    /** @param result the result as it stands before publishing; answers it as published (or not) */
    GuardResult publish(GuardResult result, Finding finding) {
        String fingerprint = result.resourceId() + '|' + result.action() + '|' + String.join("|", result.reasons());
        if (result.action() == Action.NOTIFIED && recent.seen(fingerprint)) {
            List<String> reasons = new ArrayList<>(result.reasons());
            reasons.add("the same finding was published within the last " + window.toMinutes()
                    + " minutes: not published again");
            return result.toBuilder().action(Action.NONE).reasons(reasons).build();
        }
        try {
            Optional<String> messageId = notifier.publish(finding);
            if (messageId.isEmpty()) { // a log-only notifier: nothing was sent
                return result.action() == Action.NOTIFIED ? result.withAction(Action.LOGGED) : result;
            }
            recent.remember(fingerprint);
            return result.withMessageId(messageId.get());
        } catch (OciCallException e) {
            Action fallback = result.action() == Action.NOTIFIED ? Action.LOGGED : result.action();
            String lost = Remediator.mayHaveLanded(e) ? " (its answer was lost: it may have been delivered)" : "";
            GuardResult.Fault publishFault = new GuardResult.Fault(e.code(),
                    "the finding could not be published" + lost + ": " + e.getMessage());
            // error keeps the first fault (a failed key change); publishError always names this one
            return result.toBuilder().action(fallback).error(result.error().or(() -> Optional.of(publishFault)))
                    .publishError(Optional.of(publishFault)).build();
        }
    }
}
