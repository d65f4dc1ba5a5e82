package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fnproject.fn.api.OutputEvent;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.Fault;
import io.cmkguard.emulator.OciEmulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The demo's last step: the body a nightly schedule sends, {"sweep": {"compartmentId": <tenancy>}}, to a function
 * whose sweep deadline is 3 s, against the world the events left. The emulator answers one volume listing after
 * that deadline, as a tenancy too big for one invocation would, so the first invocation is always cut: it invokes
 * the function again, detached, through the emulator's Functions API, and that invocation (through the same FDK
 * runtime) finishes the sweep, writes its report to the demo world's report bucket and publishes its one digest.
 */
final class DemoSweep {
    static final String REPORT_BUCKET = "cmk-guard-reports";
    /** Short, but long enough that a key's users are found within it (a sweep's key checks search by it too). */
    static final int DEADLINE_SECONDS = 3;
    /** Whose volume listing is slow: a compartment swept after the first, so the first invocation judges some. */
    static final String SLOW_COMPARTMENT = "ocid1.compartment.oc1..prod";
    static final Duration SLOW_LISTING = Duration.ofMillis(3500);
    /** The demo world's sweep takes seconds; a chain not over by then is broken. */
    static final Duration WAIT = Duration.ofMinutes(5);

    /**
     * What the sweep did.
     *
     * @param links   each invocation's answer (a sweep report), the first one's then each detached one's
     * @param failed  why an invocation gave no report, or the chain did not end; empty when all went well
     * @param digests the messages the sweep published
     * @param objects the names of the objects the sweep wrote to the report bucket
     */
    record Outcome(List<JsonNode> links, List<String> failed, List<ObjectNode> digests, List<String> objects) {
        /** The sweep's id (the first invocation's). */
        String sweepId() {
            return links.isEmpty() ? "" : ResultLine.text(links.get(0), "sweepId");
        }

        /** The report objects: the whole report's three forms, not the parts and claims kept on the way. */
        List<String> report() {
            String prefix = "sweeps/" + sweepId() + "/";
            return objects.stream().filter(name -> name.startsWith(prefix) && name.indexOf('/', prefix.length()) < 0)
                    .map(name -> name.substring(prefix.length())).toList();
        }
    }

    private DemoSweep() {
    }

    static String body(String tenancy) {
        return "{\"sweep\": {\"compartmentId\": \"" + tenancy + "\"}}";
    }

    /** The function's config for the scheduled sweep: the demo's, with a short deadline and the report bucket. */
    static Map<String, String> config(Map<String, String> demo) {
        Map<String, String> config = new HashMap<>(demo);
        config.put(GuardConfig.SWEEP_DEADLINE_SECONDS, Integer.toString(DEADLINE_SECONDS));
        config.put(GuardConfig.REPORT_BUCKET, REPORT_BUCKET);
        config.put(GuardConfig.CONTINUATION_KEY, LocalCloud.continuationKey());
        return config;
    }

    /** Runs the scheduled sweep to its end: the first invocation here, the rest as the emulator runs them. */
    static Outcome run(OciEmulator emulator, LocalFunction function, Map<String, String> config, String tenancy,
                       PrintStream log) {
        int published = emulator.messages().size();
        emulator.faults().add(Fault.on("GET", "/20160918/volumes\\?(.*&)?compartmentId="
                + Pattern.quote(SLOW_COMPARTMENT) + "(&.*)?").delay(SLOW_LISTING).times(1));
        List<JsonNode> links = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try (FdkRuntime runtime = FdkRuntime.start(function, config, log)) {
            emulator.hostFunction(runtime);
            InMemoryCodec.Answer first = runtime.invoke(List.of(body(tenancy))).get(0);
            ResultLine.sweepReport(first).ifPresentOrElse(links::add,
                    () -> failed.add("the first invocation answered " + first.status() + ": " + first.body()));
            DetachedInvocations detached = new DetachedInvocations(emulator);
            boolean ended = follow(detached, link -> ResultLine.sweepReport(new InMemoryCodec.Answer(
                            OutputEvent.Status.Success, link.path("answer").asText())).ifPresentOrElse(links::add,
                    () -> failed.add("the detached invocation " + link.path("callId").asText() + " "
                            + link.path("status").asText() + ": " + link.path("error").asText(""))));
            if (!ended) {
                failed.add("the sweep's chain had not ended after " + WAIT.toMinutes() + " minutes");
            }
        }
        List<ObjectNode> messages = emulator.messages();
        List<String> objects = emulator.objects().stream().filter(o -> REPORT_BUCKET.equals(o.path("bucket").asText()))
                .map(o -> o.path("name").asText()).toList();
        return new Outcome(links, failed, messages.subList(published, messages.size()), objects);
    }

    private static boolean follow(DetachedInvocations detached, Consumer<ObjectNode> finished) {
        try {
            return detached.follow(WAIT, finished);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The step on screen: the body, each invocation, the digest's first line, the report's objects. */
    static void print(Outcome outcome, String tenancy, boolean notifications, PrintStream out) {
        SamplesTable.wrap("Then a scheduled sweep, the body a nightly schedule sends: " + body(tenancy) + ", to a"
                + " function whose sweep deadline is " + DEADLINE_SECONDS + " s (" + GuardConfig.SWEEP_DEADLINE_SECONDS
                + ") with a report bucket (" + GuardConfig.REPORT_BUCKET + "=" + REPORT_BUCKET + ", on key keyhsm)."
                + " The emulator answers the prod volume listing after " + SLOW_LISTING.toMillis() / 1000.0 + " s, past that deadline, as"
                + " a tenancy too big for one invocation would: cut by its deadline, the function invokes itself"
                + " (detached) to go on.", SamplesTable.SCREEN_WIDTH, out);
        for (JsonNode link : outcome.links()) {
            JsonNode chain = link.path("chain");
            String invocation = ResultLine.text(chain, "invocation");
            item("invocation " + invocation + (invocation.equals("0") ? " (the schedule's call)" : " (detached)")
                    + ": " + link.path("scanned").asInt() + " judged; " + ResultLine.text(chain, "message"), out);
        }
        outcome.failed().forEach(why -> item("failed: " + why, out));
        int digests = outcome.digests().size();
        String firstLine = digests == 0 ? "" : outcome.digests().get(0).path("body").asText().lines().findFirst()
                .orElse("");
        SamplesTable.wrap((digests == 1 ? "One digest for the whole sweep: " : digests + " digests: ") + firstLine,
                SamplesTable.SCREEN_WIDTH, out);
        if (notifications) {
            for (int i = 0; i < digests; i++) {
                NotificationView.print(out, outcome.digests().get(i), i + 1, digests);
            }
        }
        SamplesTable.wrap("The report, kept: " + REPORT_BUCKET + "/sweeps/" + outcome.sweepId() + "/ "
                + String.join(", ", outcome.report()), SamplesTable.SCREEN_WIDTH, out);
    }

    /** A line of a list: "- " and the text wrapped, its next lines indented under it. */
    private static void item(String text, PrintStream out) {
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream();
        SamplesTable.wrap(text, SamplesTable.SCREEN_WIDTH - 2, new PrintStream(wrapped, true, StandardCharsets.UTF_8));
        String prefix = "- ";
        for (String line : wrapped.toString(StandardCharsets.UTF_8).lines().toList()) {
            out.println(prefix + line);
            prefix = "  ";
        }
    }

    /** Whether the step worked: every invocation answered, the chain ended, one digest, the report written. */
    static Optional<String> problem(Outcome outcome) {
        if (!outcome.failed().isEmpty()) {
            return Optional.of(String.join("; ", outcome.failed()));
        }
        if (outcome.digests().size() != 1) {
            return Optional.of(outcome.digests().size() + " digests were published, not one");
        }
        if (!outcome.report().contains("report.json")) {
            return Optional.of("no report.json was written to " + REPORT_BUCKET);
        }
        return Optional.empty();
    }
}
