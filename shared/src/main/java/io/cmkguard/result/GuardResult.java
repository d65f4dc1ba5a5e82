package io.cmkguard.result;

import io.cmkguard.config.Mode;
import io.cmkguard.policy.Status;
import io.cmkguard.util.Echo;

import java.util.List;
import java.util.Optional;

/**
 * The answer about one resource (or one invocation): a public contract (users' scripts read it),
 * so fields are only ever added. {@code items} lists every resource when an event leads to more
 * than one. Built with {@link #builder()} or changed with the withers, never positionally.
 */
public record GuardResult(
        String eventId,
        String eventType,
        String resourceId,
        String resourceType,
        String displayName,
        String compartmentId,
        String region,
        Optional<Mode> mode,
        Status verdict,
        Action action,
        List<String> reasons,
        String kmsKeyIdBefore,
        String kmsKeyIdAfter,
        boolean notified,
        Optional<String> messageId,
        Optional<Lineage> lineage,
        Optional<Fault> error,
        List<GuardResult> items,
        Optional<Fix> fix,
        Optional<Fault> publishError,
        Optional<String> workRequestId) {

    /** Every text field is clean for people to read (Echo): names cut to 256 characters, all on one line. */
    public GuardResult {
        eventId = shown(eventId);
        eventType = shown(eventType);
        resourceId = shown(resourceId);
        resourceType = shown(resourceType);
        displayName = shown(displayName);
        compartmentId = shown(compartmentId);
        region = shown(region);
        reasons = lines(reasons);
        kmsKeyIdBefore = shown(kmsKeyIdBefore);
        kmsKeyIdAfter = shown(kmsKeyIdAfter);
        items = List.copyOf(items);
    }

    private static String shown(String value) {
        return value == null ? null : Echo.bounded(value);
    }

    /** The texts as clean lines; the same list when it is unmodifiable and already clean (a sweep shares them). */
    private static List<String> lines(List<String> texts) {
        for (String text : texts) {
            if (text == null || !Echo.line(text).equals(text)) {
                return texts.stream().map(Echo::line).toList();
            }
        }
        return List.copyOf(texts);
    }

    /**
     * How a person fixes a non-compliant resource, in every mode (audit results and logs carry it too).
     *
     * @param command      the exact OCI CLI command, when the resource's own key is at fault
     * @param consoleUrl   where the resource is in the OCI Console
     * @param prerequisite an IAM grant without which the fix fails, if the type has one
     */
    public record Fix(Optional<String> command, String consoleUrl, Optional<String> prerequisite) {
        public Fix {
            command = command.map(Echo::line);
            consoleUrl = Echo.line(consoleUrl);
            prerequisite = prerequisite.map(Echo::line);
        }
    }

    /** Where the resource came from and on which key its source is. */
    public record Lineage(String relation, String sourceId, String sourceKmsKeyId, boolean downgrade) {
        public Lineage {
            relation = Echo.line(relation);
            sourceId = shown(sourceId);
            sourceKmsKeyId = shown(sourceKmsKeyId);
        }
    }

    /**
     * What went wrong, for ERROR results and failed steps. {@code error} is the first fault of a
     * result; {@code publishError} is the notification's own, so a failed key change whose alert
     * could not be published either reports both.
     */
    public record Fault(String code, String message) {
        public Fault {
            code = shown(code);
            message = Echo.line(message);
        }
    }

    /** A result that concerns the invocation as a whole (bad input, bad config): nothing was called. */
    public static GuardResult rejected(String eventId, String eventType, String resourceId, Status verdict,
                                       String reason, Optional<Fault> error) {
        return builder().eventId(eventId).eventType(eventType).resourceId(resourceId).verdict(verdict)
                .reasons(List.of(reason)).error(error).build();
    }

    /** The mode as the result JSON shows it: "" when no mode applied (bad input, ignored events). */
    public String modeLabel() {
        return mode.map(Mode::label).orElse("");
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The same result with another action; a result that no longer names a published message. */
    public GuardResult withAction(Action action) {
        return toBuilder().action(action).build();
    }

    public GuardResult withReasons(List<String> reasons) {
        return toBuilder().reasons(reasons).build();
    }

    /** The same result, published as the given message. */
    public GuardResult withMessageId(String messageId) {
        return toBuilder().notified(true).messageId(Optional.of(messageId)).build();
    }

    public GuardResult withError(Fault fault) {
        return toBuilder().error(Optional.of(fault)).build();
    }

    /** Every field has a neutral default: empty text, no mode, verdict ERROR, action NONE. */
    public static final class Builder {
        private String eventId = "";
        private String eventType = "";
        private String resourceId = "";
        private String resourceType = "";
        private String displayName = "";
        private String compartmentId = "";
        private String region = "";
        private Optional<Mode> mode = Optional.empty();
        private Status verdict = Status.ERROR;
        private Action action = Action.NONE;
        private List<String> reasons = List.of();
        private String kmsKeyIdBefore = "";
        private String kmsKeyIdAfter = "";
        private boolean notified;
        private Optional<String> messageId = Optional.empty();
        private Optional<Lineage> lineage = Optional.empty();
        private Optional<Fault> error = Optional.empty();
        private List<GuardResult> items = List.of();
        private Optional<Fix> fix = Optional.empty();
        private Optional<Fault> publishError = Optional.empty();
        private Optional<String> workRequestId = Optional.empty();

        private Builder() {
        }

        private Builder(GuardResult r) {
            eventId = r.eventId;
            eventType = r.eventType;
            resourceId = r.resourceId;
            resourceType = r.resourceType;
            displayName = r.displayName;
            compartmentId = r.compartmentId;
            region = r.region;
            mode = r.mode;
            verdict = r.verdict;
            action = r.action;
            reasons = r.reasons;
            kmsKeyIdBefore = r.kmsKeyIdBefore;
            kmsKeyIdAfter = r.kmsKeyIdAfter;
            notified = r.notified;
            messageId = r.messageId;
            lineage = r.lineage;
            error = r.error;
            items = r.items;
            fix = r.fix;
            publishError = r.publishError;
            workRequestId = r.workRequestId;
        }

        public Builder eventId(String v) {
            eventId = v;
            return this;
        }

        public Builder eventType(String v) {
            eventType = v;
            return this;
        }

        public Builder resourceId(String v) {
            resourceId = v;
            return this;
        }

        public Builder resourceType(String v) {
            resourceType = v;
            return this;
        }

        public Builder displayName(String v) {
            displayName = v;
            return this;
        }

        public Builder compartmentId(String v) {
            compartmentId = v;
            return this;
        }

        public Builder region(String v) {
            region = v;
            return this;
        }

        public Builder mode(Mode v) {
            mode = Optional.of(v);
            return this;
        }

        public Builder verdict(Status v) {
            verdict = v;
            return this;
        }

        /** The action; any other than NOTIFIED/REMEDIATED/REMEDIATION_FAILED carries no message. */
        public Builder action(Action v) {
            action = v;
            return this;
        }

        public Builder reasons(List<String> v) {
            reasons = v;
            return this;
        }

        public Builder kmsKeyIdBefore(String v) {
            kmsKeyIdBefore = v;
            return this;
        }

        public Builder kmsKeyIdAfter(String v) {
            kmsKeyIdAfter = v;
            return this;
        }

        public Builder notified(boolean v) {
            notified = v;
            return this;
        }

        public Builder messageId(Optional<String> v) {
            messageId = v;
            return this;
        }

        public Builder lineage(Optional<Lineage> v) {
            lineage = v;
            return this;
        }

        public Builder error(Optional<Fault> v) {
            error = v;
            return this;
        }

        public Builder items(List<GuardResult> v) {
            items = v;
            return this;
        }

        public Builder fix(Optional<Fix> v) {
            fix = v;
            return this;
        }

        public Builder publishError(Optional<Fault> v) {
            publishError = v;
            return this;
        }

        /** A work request a remediation started beside the key change (a bucket's re-encryption). */
        public Builder workRequestId(Optional<String> v) {
            workRequestId = v;
            return this;
        }

        public GuardResult build() {
            return new GuardResult(eventId, eventType, resourceId, resourceType, displayName, compartmentId, region,
                    mode, verdict, action, reasons, kmsKeyIdBefore, kmsKeyIdAfter, notified, messageId, lineage,
                    error, items, fix, publishError, workRequestId);
        }
    }
}
