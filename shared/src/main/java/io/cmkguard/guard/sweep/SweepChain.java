package io.cmkguard.guard.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.guard.DecisionLog;
import io.cmkguard.notify.Notifier;
import io.cmkguard.oci.OciCallException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sweep across as many invocations as it takes. Each invocation runs its part ({@link Sweep}); with a report
 * bucket it keeps the part there; cut by its deadline, it starts the sweep's next invocation itself (detached)
 * unless its caller follows the continuations; and the invocation that ends the sweep writes the whole report
 * and publishes the sweep's one digest. Without a bucket every invocation publishes its own digest, as before.
 */
public final class SweepChain {
    /**
     * Starts the sweep's next invocation with this body, without waiting for it; OciCallException, or Unavailable,
     * when it could not.
     */
    @FunctionalInterface
    public interface NextInvocation {
        void start(String body);
    }

    /** Why the function cannot invoke itself here, though it should (a setting it lacks). */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String why) {
            super(why);
        }
    }

    /**
     * Where the sweep's links go and where its report is read from.
     *
     * @param next        how the function invokes itself; empty where it cannot (a laptop, no FN_FN_ID, turned off)
     * @param evidence    the report bucket; empty when none is configured
     * @param consoleBase the Console's URL, for the links in the digest
     * @param region      the function's region, for the same links
     * @param completed   told the whole report of every sweep that ended (the posture metrics)
     */
    public record Links(Optional<NextInvocation> next, Optional<SweepEvidence> evidence, int maxInvocations,
                        String consoleBase, String region, Completed completed) {
    }

    /** Told the report of every sweep that ended, within the invocation's deadline. */
    @FunctionalInterface
    public interface Completed {
        void sweepCompleted(JsonNode whole, Optional<Instant> callDeadline);
    }

    private final Sweep sweep;
    private final SweepDigest digest;
    private final Links links;
    private final DecisionLog log;

    public SweepChain(Sweep sweep, Notifier notifier, Links links, DecisionLog log) {
        this.sweep = sweep;
        this.digest = new SweepDigest(notifier);
        this.links = links;
        this.log = log;
    }

    public SweepReport run(SweepRequest asked, SweepProgress progress, Optional<Instant> callDeadline) {
        return run(asked, progress, callDeadline, Sweep.Kept.EVERY_RESOURCE);
    }

    /**
     * As {@link #run(SweepRequest, SweepProgress, Optional)}, keeping only the results the caller needs; with a
     * report bucket every resource is kept all the same (the part's rows list them all).
     */
    public SweepReport run(SweepRequest asked, SweepProgress progress, Optional<Instant> callDeadline,
                           Sweep.Kept keep) {
        Sweep.Part part = sweep.runPart(asked, progress, callDeadline,
                links.evidence().isPresent() ? Sweep.Kept.EVERY_RESOURCE : keep);
        if (part.report().error().isPresent()) {
            return part.report(); // nothing was judged: nothing to keep, publish or carry on
        }
        List<String> notes = new ArrayList<>();
        boolean kept = keep(part, notes);
        if (part.report().continuation().isEmpty()) {
            return kept ? finish(part, notes, callDeadline) : ended(part, notes, callDeadline);
        }
        return goOn(part, kept, notes);
    }

    /** Keeps the invocation's part in the bucket; false (and a note) when there is none or it could not. */
    private boolean keep(Sweep.Part part, List<String> notes) {
        if (links.evidence().isEmpty()) {
            return false;
        }
        SweepReport report = part.report();
        try {
            if (!links.evidence().get().keepPart(part.invocation(), report)) {
                log.event("sweep-report", report.sweepId() + ": invocation " + part.invocation() + "'s part was"
                        + " already kept; the one first written stays");
            }
            return true;
        } catch (OciCallException e) {
            log.event("sweep-report-failed", report.sweepId() + ": invocation " + part.invocation() + "'s part could"
                    + " not be written to bucket " + links.evidence().get().bucket() + ": " + e.code() + ": "
                    + e.getMessage());
            notes.add("This invocation's part of the report could not be written to bucket "
                    + links.evidence().get().bucket() + " (" + e.code() + "), so its findings are published now.");
            return false;
        }
    }

    /** More to sweep: hand it to the next invocation, or to the caller. */
    private SweepReport goOn(Sweep.Part part, boolean kept, List<String> notes) {
        SweepReport report = part.report();
        int next = part.invocation() + 1;
        Optional<String> stopped = Optional.empty();
        if (part.request().selfContinue() && links.next().isPresent()) {
            if (next >= links.maxInvocations()) {
                stopped = Optional.of("the sweep reached its maximum of " + links.maxInvocations()
                        + " invocations (CMK_GUARD_SWEEP_MAX_INVOCATIONS) and stopped before it was complete");
            } else {
                try {
                    links.next().get().start(nextBody(part));
                    log.event("sweep-continues", report.sweepId() + " goes on in invocation " + next
                            + " (a detached invocation of this function)");
                    SweepReport handed = report.handedOn().withChain(new SweepReport.Chain(part.invocation(),
                            SweepReport.Chain.FUNCTION, "the sweep goes on by itself in invocation " + next + " under "
                            + report.sweepId(), kept(report)));
                    return kept ? handed : digest.published(handed, notes);
                } catch (OciCallException e) {
                    stopped = Optional.of("the sweep could not invoke its function to go on (" + e.code() + ": "
                            + e.getMessage() + ")");
                } catch (Unavailable e) {
                    stopped = Optional.of("the sweep cannot go on by itself: " + e.getMessage());
                }
            }
        }
        if (stopped.isPresent()) {
            // the detached answer goes nowhere: the log is where an operator finds the token to go on by hand
            log.event("sweep-stopped", report.sweepId() + ": " + stopped.get() + ". To go on by hand, send this body"
                    + " to the function: " + nextBody(part));
            notes.add("Not complete: " + stopped.get() + ". To go on, send the body logged as cmk-guard.sweep-stopped"
                    + " to the function (bin/cmk-guard logs finds it).");
            SweepReport held = report.withChain(new SweepReport.Chain(part.invocation(), SweepReport.Chain.STOPPED,
                    stopped.get(), kept(report)));
            return kept ? publishSoFar(held, notes) : digest.published(held, notes);
        }
        SweepReport followed = report.withChain(new SweepReport.Chain(part.invocation(), SweepReport.Chain.CALLER,
                "send the continuation back to go on", kept(report)));
        return kept ? followed : digest.published(followed, notes);
    }

    /** The sweep ended and its report is kept: the first invocation to write the whole publishes its digest. */
    private SweepReport finish(Sweep.Part part, List<String> notes, Optional<Instant> callDeadline) {
        SweepReport report = part.report();
        SweepEvidence evidence = links.evidence().orElseThrow();
        try {
            SweepEvidence.Whole kept = evidence.whole(report.sweepId());
            SweepEvidence.missing(kept.parts(), part.invocation()).ifPresent(n -> notes.add("The part of invocation "
                    + n + " is missing from the bucket (it could not be written): its resources are not in the report;"
                    + " its findings were published when it ran."));
            if (!evidence.keepWhole(kept)) {
                log.event("sweep-report", report.sweepId() + ": another invocation completed the sweep's report and"
                        + " published its digest");
                return report.withChain(new SweepReport.Chain(part.invocation(), SweepReport.Chain.DONE,
                        "another invocation of this sweep wrote its report and published its digest", kept(report)));
            }
            JsonNode whole = kept.summary();
            if (!whole.path("complete").asBoolean()) {
                notes.add("Not complete: " + whole.path("unjudged").size() + " listing(s) stopped short; report.json"
                        + " names each under \"unjudged\" with why.");
            }
            evidence.keepViews(kept);
            notes.addAll(evidence.where(report.sweepId(), links.consoleBase(), links.region()));
            Optional<String> messageId = publishWhole(whole, notes);
            links.completed().sweepCompleted(whole, callDeadline);
            return report.withFindings(report.findings(), messageId).withChain(new SweepReport.Chain(
                    part.invocation(), SweepReport.Chain.DONE, "the sweep ended after " + (part.invocation() + 1)
                    + " invocation(s); its report is kept", kept(report)));
        } catch (OciCallException | IllegalArgumentException | IllegalStateException e) {
            String why = e instanceof OciCallException o ? o.code() + ": " + o.getMessage() : e.getMessage();
            log.event("sweep-report-failed", report.sweepId() + ": the whole report could not be written: " + why);
            notes.add("The sweep's whole report could not be written to bucket " + evidence.bucket() + " (" + why
                    + "); this invocation's findings are published now, the earlier ones are in their parts.");
            return ended(part, notes, callDeadline);
        }
    }

    /** The sweep ended without a whole report kept: this invocation's digest, and its metrics if it was the only one. */
    private SweepReport ended(Sweep.Part part, List<String> notes, Optional<Instant> callDeadline) {
        SweepReport published = digest.published(part.report().withChain(new SweepReport.Chain(part.invocation(),
                SweepReport.Chain.DONE, "nothing is left to sweep", Optional.empty())), notes);
        if (part.invocation() == 0) { // a sweep of several invocations has no whole report without a bucket
            links.completed().sweepCompleted(SweepReportJson.toJson(published), callDeadline);
        }
        return published;
    }

    /** The digest of every part kept so far, for a sweep that stopped before its end. */
    private SweepReport publishSoFar(SweepReport report, List<String> notes) {
        try {
            JsonNode soFar = links.evidence().orElseThrow().whole(report.sweepId()).summary();
            return report.withFindings(report.findings(), publishWhole(soFar, notes));
        } catch (OciCallException | IllegalArgumentException | IllegalStateException e) {
            return digest.published(report, notes);
        }
    }

    private Optional<String> publishWhole(JsonNode whole, List<String> notes) {
        try {
            return digest.publishWhole(whole, notes);
        } catch (OciCallException e) {
            log.event("sweep-digest-failed", whole.path("sweepId").asText() + ": " + e.code() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Where the sweep's report is kept: "bucket/sweeps/<sweepId>/". */
    private Optional<String> kept(SweepReport report) {
        return links.evidence().map(e -> e.bucket() + "/" + SweepEvidence.prefix(report.sweepId()));
    }

    /** The body of the sweep's next invocation: its compartment and the continuation, nothing else to repeat. */
    private static String nextBody(Sweep.Part part) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putObject("sweep").put("compartmentId", part.request().compartmentId())
                .put("continuation", part.report().continuation().orElseThrow());
        return body.toString();
    }
}
