package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fnproject.fn.api.OutputEvent;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cmk-guard invoke}: the given events (or one from standard input) through ONE warm function against
 * an emulator seeded with a world (the demo world by default); one result JSON per line on stdout, in event
 * order, and for a {"sweep": …} body its report on one line. A sweep that goes on by itself invokes the function
 * detached through the emulator, which runs each of those invocations through the same FDK runtime: invoke waits
 * for the chain to end (at most --chain-wait) and prints each link's answer as a line too, marked on stderr. An
 * event's verdict doesn't change the exit status, only an event the function did not answer does (1); a sweep's
 * report counts as {@code sweep} counts it ({@link SweepStatus}), a link that failed or did not end in time as
 * an error (2); the worst status wins.
 */
final class InvokeCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every body was answered (and no sweep found anything): the exit status. */
    static final int ANSWERED = 0;
    /** A body the function did not answer with a result or a report. */
    static final int UNANSWERED = 1;

    /** "-" as an event: one event read from standard input. */
    static final String STDIN = "-";
    /** How long invoke waits for a sweep's detached invocations to end, unless --chain-wait says otherwise. */
    static final Duration CHAIN_WAIT = Duration.ofMinutes(10);

    /**
     * @param world     the world the emulator starts with (the demo world unless --world names a file)
     * @param config    --config overrides, in order (an empty value unsets a default)
     * @param chainWait how long to wait for a sweep's detached invocations to end
     * @param events    event files, or {@link #STDIN}
     */
    record Arguments(World world, boolean demoWorld, Map<String, String> config, Path stateOut, Path log,
                     Duration chainWait, List<String> events) {
        static Arguments parse(List<String> args) {
            ArgReader reader = new ArgReader(args);
            World world = null;
            Path stateOut = null;
            Path log = null;
            Duration chainWait = CHAIN_WAIT;
            Map<String, String> config = new LinkedHashMap<>();
            List<String> events = new ArrayList<>();
            while (reader.hasNext()) {
                String arg = reader.next();
                switch (arg) {
                    case "--world" -> world = ArgReader.world(reader.valueOf(arg));
                    case "--config" -> ArgReader.configPair(reader.valueOf(arg), config);
                    case "--state-out" -> stateOut = ArgReader.fileToWrite(arg, reader.valueOf(arg));
                    case "--log" -> log = ArgReader.fileToWrite(arg, reader.valueOf(arg));
                    case "--chain-wait" -> chainWait = Duration.ofSeconds(ArgReader.wholeNumber(arg, reader.valueOf(arg)));
                    case "--verbose" -> { } // the SDK's warnings: see SdkLogging
                    case STDIN -> events.add(STDIN);
                    default -> {
                        if (ArgReader.isOption(arg)) {
                            throw ArgReader.unexpected(arg);
                        }
                        events.add(ArgReader.existingFile("event", arg).toString());
                    }
                }
            }
            if (events.isEmpty()) {
                throw new UsageException("give at least one EVENT.json, or - to read one from standard input");
            }
            if (events.stream().filter(STDIN::equals).count() > 1) {
                throw new UsageException("- (standard input) can be given once");
            }
            boolean demo = world == null;
            return new Arguments(demo ? OciEmulator.demoWorld() : world, demo, config, stateOut, log, chainWait,
                    List.copyOf(events));
        }
    }

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    InvokeCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run(Arguments arguments) {
        LocalFunction.Placed placed = LocalFunction.in(arguments.world());
        World world = placed.world();
        List<String> bodies = arguments.events().stream().map(this::body).toList();
        if (arguments.demoWorld()) {
            err.println("cmk-guard invoke: the built-in demo world (tenancy "
                    + LocalCloud.tenancyOf(world).orElse("-") + "); --world WORLD.json for your own");
        }
        try (LocalCloud cloud = LocalCloud.start(world); LogOutput log = LogOutput.to(arguments.log(), err)) {
            Map<String, String> config = cloud.wiring();
            config.put("CMK_GUARD_MODE", "notify");
            firstTopic(world).ifPresent(topic -> config.put("CMK_GUARD_TOPIC_ID", topic));
            config.put(GuardConfig.CONTINUATION_KEY, LocalCloud.continuationKey());
            config.putAll(arguments.config());

            int status = ANSWERED;
            try (PrintStream functionLog = cloud.functionLog(log.stream(), world);
                 FdkRuntime runtime = FdkRuntime.start(placed.function(), config, functionLog)) {
                cloud.emulator().hostFunction(runtime);
                List<InMemoryCodec.Answer> answers = runtime.invoke(bodies);
                for (int i = 0; i < answers.size(); i++) {
                    status = Math.max(status, print(arguments.events().get(i), answers.get(i)));
                }
                status = Math.max(status, followChains(cloud, arguments.chainWait()));
            }
            out.flush();
            if (arguments.stateOut() != null) {
                writeState(arguments.stateOut(), cloud);
            }
            return status;
        }
    }

    /** One answer to a body, on one line; its exit status. */
    private int print(String event, InMemoryCodec.Answer answer) {
        Optional<JsonNode> result = ResultLine.parse(answer);
        if (result.isPresent()) {
            out.println(result.get()); // re-serialised: exactly one line per event
            return ANSWERED;
        }
        Optional<JsonNode> report = ResultLine.sweepReport(answer);
        if (report.isPresent()) {
            if (SweepLink.FUNCTION.equals(SweepLink.next(report.get()))) {
                err.println("cmk-guard invoke: " + SweepLink.describe(report.get(), "this call"));
            }
            return printReport(report.get());
        }
        out.println(failureLine(event, answer));
        return UNANSWERED;
    }

    private int printReport(JsonNode report) {
        out.println(report); // the whole report, on one line
        out.flush();
        continuationHint(report);
        return SweepStatus.of(report);
    }

    /**
     * Waits for the detached invocations the function made of itself (a sweep's chain) and prints each one's
     * answer as it ends; an error status when one failed or some did not end within {@code wait}.
     */
    private int followChains(LocalCloud cloud, Duration wait) {
        DetachedInvocations links = new DetachedInvocations(cloud.emulator());
        if (!links.any()) {
            return ANSWERED;
        }
        err.println("cmk-guard invoke: waiting for the sweep's detached invocations (the emulator runs each through"
                + " the same FDK runtime) to end, at most " + wait.toSeconds() + " s (--chain-wait SECONDS)");
        int[] status = {ANSWERED};
        boolean ended;
        try {
            ended = links.follow(wait, link -> status[0] = Math.max(status[0], printLink(link)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            err.println("cmk-guard invoke: the sweep's chain had not ended after " + wait.toSeconds() + " s: "
                    + links.running() + " detached invocation(s) still running, stopped with the emulator; the"
                    + " sweep is not complete. Wait longer with --chain-wait SECONDS.");
            return SweepStatus.ERRORS;
        }
        return status[0];
    }

    /** A detached invocation's answer: the report line, marked on stderr with which invocation it is. */
    private int printLink(ObjectNode invocation) {
        String call = invocation.path("callId").asText();
        String label = "the detached invocation " + call;
        if (!"SUCCEEDED".equals(invocation.path("status").asText())) {
            err.println("cmk-guard invoke: " + label + " failed: " + invocation.path("error").asText());
            out.println(linkFailureLine(invocation));
            return SweepStatus.ERRORS;
        }
        InMemoryCodec.Answer answer = new InMemoryCodec.Answer(OutputEvent.Status.Success,
                invocation.path("answer").asText());
        Optional<JsonNode> report = ResultLine.sweepReport(answer);
        if (report.isEmpty()) {
            err.println("cmk-guard invoke: " + label + " answered no sweep report");
            out.println(linkFailureLine(invocation));
            return SweepStatus.ERRORS;
        }
        err.println("cmk-guard invoke: " + SweepLink.describe(report.get(), label));
        return printReport(report.get());
    }

    /** A sweep cut by its deadline goes on only when its continuation is sent back: say so, and how. */
    private void continuationHint(JsonNode report) {
        String token = ResultLine.text(report, "continuation");
        if (token.isEmpty()) {
            return;
        }
        var body = JSON.createObjectNode();
        body.putObject("sweep").put("compartmentId", ResultLine.text(report, "compartmentId")).put("continuation", token);
        err.println("cmk-guard invoke: sweep " + ResultLine.text(report, "sweepId") + " is not complete: it"
                + " stopped in time for its deadline and answered a continuation. To go on, invoke this body (a token"
                + " is accepted by the function that issued it, or by any with the same --config "
                + GuardConfig.CONTINUATION_KEY + "); bin/cmk-guard sweep follows continuations by itself:");
        err.println(body);
    }

    private String body(String event) {
        if (!STDIN.equals(event)) {
            return SampleEvents.read(Path.of(event));
        }
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event from standard input", e);
        }
    }

    /** The default topic: the world's first, so notify mode works out of the box. */
    private static Optional<String> firstTopic(World world) {
        return world.resources("topics").stream()
                .map(topic -> topic.path("topicId").asText(""))
                .filter(id -> !id.isBlank())
                .findFirst();
    }

    private static String failureLine(String event, InMemoryCodec.Answer answer) {
        var line = JSON.createObjectNode();
        line.put("event", STDIN.equals(event) ? "(standard input)" : event);
        line.put("fdkStatus", answer.status().name());
        line.put("body", answer.body());
        return line.toString();
    }

    /** A detached invocation that did not answer a report: its call id, status and why. */
    private static String linkFailureLine(ObjectNode invocation) {
        var line = JSON.createObjectNode();
        line.put("invocation", invocation.path("callId").asText());
        line.put("status", invocation.path("status").asText());
        line.put("body", invocation.has("answer") ? invocation.path("answer").asText()
                : invocation.path("error").asText());
        return line.toString();
    }

    private static void writeState(Path file, LocalCloud cloud) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), cloud.emulator().dump());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --state-out " + file, e);
        }
    }
}
