package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cmk-guard invoke}: the given events (or one from standard input) through ONE warm function against
 * an emulator seeded with a world (the demo world by default); one result JSON per line on stdout, in event
 * order, and for a {"sweep": …} body its report on one line. An event's verdict doesn't change the exit
 * status, only an event the function did not answer does (1); a sweep's report counts as {@code sweep}
 * counts it ({@link SweepStatus}); the worst status wins.
 */
final class InvokeCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every body was answered (and no sweep found anything): the exit status. */
    static final int ANSWERED = 0;
    /** A body the function did not answer with a result or a report. */
    static final int UNANSWERED = 1;

    /** "-" as an event: one event read from standard input. */
    static final String STDIN = "-";

    /**
     * @param world  the world the emulator starts with (the demo world unless --world names a file)
     * @param config --config overrides, in order (an empty value unsets a default)
     * @param events event files, or {@link #STDIN}
     */
    record Arguments(World world, boolean demoWorld, Map<String, String> config, Path stateOut, Path log,
                     List<String> events) {
        static Arguments parse(List<String> args) {
            ArgReader reader = new ArgReader(args);
            World world = null;
            Path stateOut = null;
            Path log = null;
            Map<String, String> config = new LinkedHashMap<>();
            List<String> events = new ArrayList<>();
            while (reader.hasNext()) {
                String arg = reader.next();
                switch (arg) {
                    case "--world" -> world = ArgReader.world(reader.valueOf(arg));
                    case "--config" -> ArgReader.configPair(reader.valueOf(arg), config);
                    case "--state-out" -> stateOut = ArgReader.fileToWrite(arg, reader.valueOf(arg));
                    case "--log" -> log = ArgReader.fileToWrite(arg, reader.valueOf(arg));
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
            return new Arguments(demo ? OciEmulator.demoWorld() : world, demo, config, stateOut, log,
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
        World world = arguments.world();
        List<String> bodies = arguments.events().stream().map(this::body).toList();
        if (arguments.demoWorld()) {
            err.println("cmk-guard invoke: the built-in demo world (tenancy "
                    + LocalCloud.tenancyOf(world).orElse("-") + "); --world WORLD.json for your own");
        }
        try (LocalCloud cloud = LocalCloud.start(world); LogOutput log = LogOutput.to(arguments.log(), err)) {
            Map<String, String> config = cloud.wiring();
            config.put("CMK_GUARD_MODE", "notify");
            firstTopic(world).ifPresent(topic -> config.put("CMK_GUARD_TOPIC_ID", topic));
            config.putAll(arguments.config());

            List<InMemoryCodec.Answer> answers;
            try (PrintStream functionLog = cloud.functionLog(log.stream(), world)) {
                answers = FdkRuntime.invoke(config, bodies, functionLog);
            }
            int status = ANSWERED;
            for (int i = 0; i < answers.size(); i++) {
                Optional<JsonNode> result = ResultLine.parse(answers.get(i));
                Optional<JsonNode> report = result.isPresent() ? Optional.empty()
                        : ResultLine.sweepReport(answers.get(i));
                if (result.isPresent()) {
                    out.println(result.get()); // re-serialised: exactly one line per event
                } else if (report.isPresent()) {
                    out.println(report.get()); // the whole report, on one line
                    status = Math.max(status, SweepStatus.of(report.get()));
                    continuationHint(report.get());
                } else {
                    status = Math.max(status, UNANSWERED);
                    out.println(failureLine(arguments.events().get(i), answers.get(i)));
                }
            }
            out.flush();
            if (arguments.stateOut() != null) {
                writeState(arguments.stateOut(), cloud);
            }
            return status;
        }
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

    private static void writeState(Path file, LocalCloud cloud) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), cloud.emulator().dump());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --state-out " + file, e);
        }
    }
}
