package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.OciEmulator;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code cmk-guard demo}: every sample event, in name order, through ONE warm function in remediate mode
 * against the demo world; then a table of what happened, a summary, and one line per notification (in full,
 * as email and Slack show them, with --notifications). The function's log goes to a file unless --verbose.
 * Findings are the point of the demo, not a failure: only a broken run exits non-zero.
 */
final class DemoCommand {
    static final String KEY = "ocid1.key.oc1.iad.emuvault1.keyhsm";
    static final String TOPIC = "ocid1.onstopic.oc1.iad.findings";

    /**
     * @param log           where the function's log goes; null: a temporary file, unless verbose
     * @param verbose       the function's log on stderr
     * @param notifications every notification in full (as email and as Slack show it), not one line each
     */
    record Arguments(Path log, Path samples, boolean verbose, boolean notifications) {
        static Arguments parse(List<String> args) {
            ArgReader reader = new ArgReader(args);
            Path log = null;
            Path samples = null;
            boolean verbose = false;
            boolean notifications = false;
            while (reader.hasNext()) {
                String arg = reader.next();
                switch (arg) {
                    case "--log" -> log = Path.of(reader.valueOf(arg));
                    case "--samples" -> samples = Path.of(reader.valueOf(arg));
                    case "--verbose" -> verbose = true;
                    case "--notifications" -> notifications = true;
                    default -> throw new UsageException("demo: unexpected argument " + arg);
                }
            }
            if (verbose && log != null) {
                throw new UsageException("demo: --verbose prints the log on stderr; --log writes it to a file: not both");
            }
            return new Arguments(log, samples, verbose, notifications);
        }

        /** The log file: --log, else a fresh temporary file; null when verbose (stderr). */
        Path logFile() {
            if (verbose || log != null) {
                return log;
            }
            try {
                return Files.createTempFile("cmk-guard-demo-", ".log");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a file for the demo's log", e);
            }
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Arguments arguments) {
        Path dir = arguments.samples() != null ? arguments.samples() : SampleEvents.defaultDir();
        List<Path> samples = SampleEvents.list(dir);
        List<String> bodies = samples.stream().map(SampleEvents::read).toList();

        Path logFile = arguments.logFile();
        try (LocalCloud cloud = LocalCloud.start(OciEmulator.demoWorld());
             LogOutput log = LogOutput.to(logFile, err)) {
            Map<String, String> config = cloud.wiring();
            config.put("CMK_GUARD_MODE", "remediate");
            config.put("CMK_GUARD_KMS_KEY_ID", KEY);
            config.put("CMK_GUARD_TOPIC_ID", TOPIC);

            long started = System.nanoTime();
            List<InMemoryCodec.Answer> answers = FdkRuntime.invoke(config, bodies, log.stream());
            long millis = (System.nanoTime() - started) / 1_000_000;

            out.println("cmk-guard demo: " + samples.size() + " sample events through one warm function on the Fn"
                    + " FDK runtime, mode remediate, against a local OCI emulator (demo world).");
            out.println();
            int unanswered = printTable(samples, answers);
            List<ObjectNode> messages = cloud.emulator().messages();
            out.println();
            out.println(summary(answers, messages.size(), millis));
            out.println("The function's log: " + (logFile == null ? "stderr" : logFile) + ".");
            out.println();
            if (arguments.notifications()) {
                for (int i = 0; i < messages.size(); i++) {
                    NotificationView.print(out, messages.get(i), i + 1, messages.size());
                }
            } else {
                NotificationView.printCompact(out, messages);
            }
            long errors = answers.stream().flatMap(a -> ResultLine.parse(a).stream())
                    .filter(r -> "ERROR".equals(ResultLine.text(r, "verdict"))).count();
            if (errors > 0) { // the demo world has no faults: worth a look, but the demo did run
                err.println("cmk-guard demo: " + errors + " events ended in ERROR: see their reasons in the log");
            }
            if (unanswered > 0) {
                err.println("cmk-guard demo: " + unanswered + " of " + samples.size()
                        + " events got no result from the function (see the table and the log)");
                return 1;
            }
            return 0;
        }
    }

    /** Prints one row per event; returns how many events got no result (an FDK error or not a result). */
    private int printTable(List<Path> samples, List<InMemoryCodec.Answer> answers) {
        ResultTable table = new ResultTable("EVENT FILE", "RESOURCE", "TYPE", "VERDICT", "ACTION");
        int unanswered = 0;
        for (int i = 0; i < samples.size(); i++) {
            String file = samples.get(i).getFileName().toString();
            Optional<JsonNode> result = ResultLine.parse(answers.get(i));
            if (result.isEmpty()) {
                table.add(file, "-", "-", "(no result: FDK " + answers.get(i).status() + ")", "-");
                unanswered++;
                continue;
            }
            JsonNode r = result.get();
            table.add(file, resourceName(r), orDash(ResultLine.text(r, "resourceType")),
                    ResultLine.text(r, "verdict"), ResultLine.text(r, "action"));
        }
        table.print(out);
        return unanswered;
    }

    private static String summary(List<InMemoryCodec.Answer> answers, int published, long millis) {
        Map<String, Integer> verdicts = new TreeMap<>();
        Map<String, Integer> actions = new TreeMap<>();
        for (InMemoryCodec.Answer answer : answers) {
            ResultLine.parse(answer).ifPresent(r -> {
                verdicts.merge(ResultLine.text(r, "verdict"), 1, Integer::sum);
                actions.merge(ResultLine.text(r, "action"), 1, Integer::sum);
            });
        }
        return answers.size() + " events in " + millis + " ms. Verdicts: " + counts(verdicts) + ". Actions: "
                + counts(actions) + ". Notifications published: " + published + ".";
    }

    private static String counts(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((name, n) -> parts.add(n + " " + name));
        return String.join(", ", parts);
    }

    private static String resourceName(JsonNode r) {
        String name = ResultLine.text(r, "displayName");
        return !name.isBlank() ? name : orDash(ResultLine.text(r, "resourceId"));
    }

    private static String orDash(String s) {
        return s.isBlank() ? "-" : s;
    }
}
