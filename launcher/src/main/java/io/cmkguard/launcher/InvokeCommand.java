package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cmkguard.emulator.World;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cmk-guard invoke}: the given events through ONE warm function against an emulator seeded with a
 * world; one result JSON per line on stdout, in event order. Verdicts don't change the exit status: only
 * an event the function did not answer does.
 */
final class InvokeCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param config --config overrides, in order (an empty value unsets a default)
     */
    record Arguments(Path world, Map<String, String> config, Path stateOut, Path log, List<Path> events) {
        static Arguments parse(List<String> args) {
            ArgReader reader = new ArgReader(args);
            Path world = null;
            Path stateOut = null;
            Path log = null;
            Map<String, String> config = new LinkedHashMap<>();
            List<Path> events = new ArrayList<>();
            while (reader.hasNext()) {
                String arg = reader.next();
                switch (arg) {
                    case "--world" -> world = ArgReader.existingFile("--world", reader.valueOf(arg));
                    case "--config" -> {
                        String pair = reader.valueOf(arg);
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new UsageException("--config takes KEY=VALUE, not '" + pair + "'");
                        }
                        config.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
                    }
                    case "--state-out" -> stateOut = Path.of(reader.valueOf(arg));
                    case "--log" -> log = Path.of(reader.valueOf(arg));
                    default -> {
                        if (ArgReader.isOption(arg)) {
                            throw new UsageException("invoke: unknown option " + arg);
                        }
                        events.add(ArgReader.existingFile("event", arg));
                    }
                }
            }
            if (world == null) {
                throw new UsageException("invoke needs --world WORLD.json");
            }
            if (events.isEmpty()) {
                throw new UsageException("invoke needs at least one EVENT.json");
            }
            return new Arguments(world, config, stateOut, log, List.copyOf(events));
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    InvokeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Arguments arguments) {
        World world = readWorld(arguments.world());
        List<String> bodies = arguments.events().stream().map(SampleEvents::read).toList();
        try (LocalCloud cloud = LocalCloud.start(world); LogOutput log = LogOutput.to(arguments.log(), err)) {
            Map<String, String> config = cloud.wiring();
            config.put("CMK_GUARD_MODE", "notify");
            firstTopic(world).ifPresent(topic -> config.put("CMK_GUARD_TOPIC_ID", topic));
            config.putAll(arguments.config());

            List<InMemoryCodec.Answer> answers = FdkRuntime.invoke(config, bodies, log.stream());
            int unanswered = 0;
            for (int i = 0; i < answers.size(); i++) {
                Optional<JsonNode> result = ResultLine.parse(answers.get(i));
                if (result.isPresent()) {
                    out.println(result.get()); // re-serialised: exactly one line per event
                } else {
                    unanswered++;
                    out.println(failureLine(arguments.events().get(i), answers.get(i)));
                }
            }
            out.flush();
            if (arguments.stateOut() != null) {
                writeState(arguments.stateOut(), cloud);
            }
            return unanswered == 0 ? 0 : 1;
        }
    }

    private static World readWorld(Path file) {
        try {
            return World.read(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The default topic: the world's first, so notify mode works out of the box. */
    private static Optional<String> firstTopic(World world) {
        return world.resources("topics").stream()
                .map(topic -> topic.path("topicId").asText(""))
                .filter(id -> !id.isBlank())
                .findFirst();
    }

    private static String failureLine(Path event, InMemoryCodec.Answer answer) {
        var line = JSON.createObjectNode();
        line.put("event", event.toString());
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
