package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cmk-guard demo}: every sample event, in name order, through ONE warm function in remediate mode
 * against the demo world; then a table of what happened that fits 100 columns, a summary whose lines say what
 * each verdict/action pair means, and last a scheduled sweep of the world that continues itself
 * ({@link DemoSweep}). Notifications in full only with --notifications; the function's log goes to a file unless
 * --verbose. Findings are the point of the demo, not a failure: only a broken run exits non-zero.
 */
final class DemoCommand {
    static final String KEY = "ocid1.key.oc1.iad.emuvault1.keyhsm";
    static final String TOPIC = "ocid1.onstopic.oc1.iad.findings";

    /**
     * @param log           where the function's log goes; null: a temporary file, unless verbose
     * @param verbose       the function's log on stderr
     * @param notifications every notification in full (as email and as Slack show it)
     * @param markdown      the table as Markdown (events/samples/README.md), nothing else
     */
    record Arguments(Path log, Path samples, boolean verbose, boolean notifications, boolean markdown) {
        static Arguments parse(List<String> args) {
            ArgReader reader = new ArgReader(args);
            Path log = null;
            Path samples = null;
            boolean verbose = false;
            boolean notifications = false;
            boolean markdown = false;
            while (reader.hasNext()) {
                String arg = reader.next();
                switch (arg) {
                    case "--log" -> log = ArgReader.fileToWrite(arg, reader.valueOf(arg));
                    case "--samples" -> samples = Path.of(reader.valueOf(arg));
                    case "--verbose" -> verbose = true;
                    case "--notifications" -> notifications = true;
                    case "--markdown" -> markdown = true;
                    default -> throw ArgReader.unexpected(arg);
                }
            }
            if (verbose && log != null) {
                throw new UsageException("--verbose prints the log on stderr; --log writes it to a file: not both");
            }
            if (markdown && notifications) {
                throw new UsageException("--markdown prints only the table: not with --notifications");
            }
            if (samples != null && !Files.isDirectory(samples)) {
                throw new UsageException("--samples " + samples + ": no such directory");
            }
            return new Arguments(log, samples, verbose, notifications, markdown);
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
        LocalFunction.Placed placed = LocalFunction.in(OciEmulator.demoWorld());
        World world = placed.world();
        try (LocalCloud cloud = LocalCloud.start(world);
             LogOutput log = LogOutput.to(logFile, err)) {
            Map<String, String> config = cloud.wiring();
            config.put("CMK_GUARD_MODE", "remediate");
            config.put("CMK_GUARD_KMS_KEY_ID", KEY);
            config.put("CMK_GUARD_TOPIC_ID", TOPIC);

            long started = System.nanoTime();
            List<InMemoryCodec.Answer> answers;
            try (FdkRuntime runtime = FdkRuntime.start(placed.function(), config, log.stream())) {
                answers = runtime.invoke(bodies);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<Optional<JsonNode>> results = answers.stream().map(ResultLine::parse).toList();
            List<ObjectNode> messages = cloud.emulator().messages();
            String tenancy = LocalCloud.tenancyOf(world).orElseThrow();
            Optional<DemoSweep.Outcome> sweep = arguments.markdown() ? Optional.empty()
                    : Optional.of(DemoSweep.run(cloud.emulator(), placed.function(), DemoSweep.config(config), tenancy,
                    log.stream()));

            if (arguments.markdown()) {
                SamplesTable.markdown(samples, results, out);
            } else {
                String where = arguments.samples() != null ? dir.toString() : SampleEvents.DIR;
                SamplesTable.wrap("cmk-guard demo: " + samples.size() + " sample events (" + where + ") through"
                        + " one warm function on the Fn FDK runtime, mode remediate, against a local OCI emulator"
                        + " seeded with the built-in demo world (tenancy " + tenancy + ").", SamplesTable.SCREEN_WIDTH,
                        out);
                SamplesTable.wrap("Every event runs against that one world, which changes as it goes: a resource"
                        + " re-keyed by one row is compliant when a later row reads it, and a finding already"
                        + " published is not published again.", SamplesTable.SCREEN_WIDTH, out);
                out.println();
                SamplesTable.screen(results, out);
                out.println();
                if (arguments.notifications()) {
                    for (int i = 0; i < messages.size(); i++) {
                        NotificationView.print(out, messages.get(i), i + 1, messages.size());
                    }
                }
                SamplesTable.summary(results, messages.size(), millis, out);
                out.println();
                DemoSweep.print(sweep.orElseThrow(), tenancy, arguments.notifications(), out);
                out.println();
                if (!arguments.notifications()) {
                    out.println("Every notification in full, as email and Slack show it: --notifications.");
                }
                out.println("The function's log: " + (logFile == null ? "stderr" : logFile) + ".");
            }
            long errors = results.stream().flatMap(Optional::stream)
                    .filter(r -> "ERROR".equals(ResultLine.text(r, "verdict"))).count();
            if (errors > 0) { // the demo world has no faults: worth a look, but the demo did run
                err.println("cmk-guard demo: " + errors + " events ended in ERROR: see their reasons in the log");
            }
            Optional<String> sweepProblem = sweep.flatMap(DemoSweep::problem);
            if (sweepProblem.isPresent()) {
                err.println("cmk-guard demo: the scheduled sweep did not end as it should: " + sweepProblem.get());
                return 1;
            }
            long unanswered = results.stream().filter(Optional::isEmpty).count();
            if (unanswered > 0) {
                err.println("cmk-guard demo: " + unanswered + " of " + samples.size()
                        + " events got no result from the function (see the table and the log)");
                return 1;
            }
            return 0;
        }
    }
}
