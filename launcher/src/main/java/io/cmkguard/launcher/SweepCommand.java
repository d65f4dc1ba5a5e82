package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.Region;
import io.cmkguard.emulator.World;
import io.cmkguard.app.CmkGuard;
import io.cmkguard.guard.sweep.SweepReport;
import io.cmkguard.guard.sweep.SweepReportJson;
import io.cmkguard.report.ReportHtml;
import io.cmkguard.report.ReportMerge;
import io.cmkguard.report.ResourceCsv;
import io.cmkguard.resource.type.ResourceTypes;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cmk-guard sweep}: the function's own sweep code run from a laptop, signing with the OCI CLI's
 * config file and profile, one region after another; a progress line on stderr, the reports on stdout.
 * Exit 0 when everything is compliant (or exempt), 1 when findings remain, 2 on errors.
 */
final class SweepCommand {
    static final int ALL_COMPLIANT = SweepStatus.ALL_COMPLIANT;
    static final int FINDINGS = SweepStatus.FINDINGS;
    static final int ERRORS = SweepStatus.ERRORS;
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Output { TABLE, JSON, CSV, HTML }

    /**
     * @param all every resource judged rather than only the findings (json and csv)
     */
    record Arguments(String compartmentId, Optional<String> profile, Optional<Path> configFile, List<String> regions,
                     List<String> types, String mode, Optional<Integer> maxRemediations, Output output,
                     boolean includeSubcompartments, Optional<World> world, Map<String, String> config,
                     Optional<Path> log, boolean all) {

        /** Reads and checks every option before anything runs: a mistake is one line and exit 2, no table. */
        static Arguments parse(List<String> args) {
            ArgReader reader = new ArgReader(args);
            String compartment = null;
            Optional<String> profile = Optional.empty();
            Optional<Path> configFile = Optional.empty();
            List<String> regions = new ArrayList<>();
            List<String> types = new ArrayList<>();
            String mode = "audit";
            Optional<Integer> max = Optional.empty();
            Output output = Output.TABLE;
            boolean all = false;
            boolean subcompartments = true;
            Optional<World> world = Optional.empty();
            Optional<Path> log = Optional.empty();
            Map<String, String> config = new LinkedHashMap<>();
            while (reader.hasNext()) {
                String arg = reader.next();
                switch (arg) {
                    case "--compartment" -> compartment = Ocids.require(arg, reader.valueOf(arg), "compartment", "tenancy");
                    case "--profile" -> profile = Optional.of(reader.valueOf(arg));
                    case "--config-file" -> configFile = Optional.of(ArgReader.existingFile(arg, reader.valueOf(arg)));
                    case "--region" -> regions.add(region(reader.valueOf(arg)));
                    case "--types" -> types.addAll(types(reader.valueOf(arg)));
                    case "--mode" -> mode = ArgReader.oneOf(arg, reader.valueOf(arg), "audit", "notify", "remediate");
                    case "--max-remediations" -> max = Optional.of(ArgReader.wholeNumber(arg, reader.valueOf(arg)));
                    case "--output" -> output = Output.valueOf(ArgReader.oneOf(arg, reader.valueOf(arg), "table",
                            "json", "csv", "html").toUpperCase(Locale.ROOT));
                    case "--all" -> all = true;
                    case "--no-subcompartments" -> subcompartments = false;
                    case "--world" -> world = Optional.of(ArgReader.world(reader.valueOf(arg)));
                    case "--log" -> log = Optional.of(ArgReader.fileToWrite(arg, reader.valueOf(arg)));
                    // the deployed function's OCID: the sweep then also checks the Events rules that feed it
                    case "--function-id" -> config.put("FN_FN_ID", Ocids.require(arg, reader.valueOf(arg), "fnfunc"));
                    case "--config" -> ArgReader.configPair(reader.valueOf(arg), config);
                    case "--verbose" -> { } // the SDK's warnings: see SdkLogging
                    default -> throw ArgReader.unexpected(arg);
                }
            }
            if (compartment == null) {
                // a local world has one obvious root: its tenancy
                compartment = world.flatMap(LocalCloud::tenancyOf).orElseThrow(() -> new UsageException(
                        "--compartment OCID is needed (the tenancy or a compartment to sweep)"));
            }
            if (all && output != Output.JSON && output != Output.CSV) {
                throw new UsageException("--all lists every resource judged: it goes with --output json or csv");
            }
            if (world.isPresent() && (profile.isPresent() || configFile.isPresent() || !regions.isEmpty())) {
                throw new UsageException("--world sweeps a local emulator: --profile, --config-file and --region"
                        + " are for a real tenancy");
            }
            return new Arguments(compartment, profile, configFile, List.copyOf(regions), List.copyOf(types), mode,
                    max, output, subcompartments, world, config, log, all);
        }

        private static List<String> types(String list) {
            List<String> types = new ArrayList<>();
            for (String name : list.split("\\s*,\\s*")) {
                if (!ResourceTypes.names().contains(name)) {
                    throw new UsageException("--types: unknown type '" + name + "'; known: "
                            + String.join(", ", ResourceTypes.names()));
                }
                types.add(name);
            }
            return types;
        }

        private static String region(String value) {
            try {
                return Region.fromRegionCodeOrId(value).getRegionId();
            } catch (IllegalArgumentException e) {
                // a region this SDK does not know yet is still worth a try, if it is shaped like one
                if (value.matches("[a-z]{2,}-[a-z]+-\\d+")) {
                    return value;
                }
                throw new UsageException("--region must be a region such as us-ashburn-1 or iad, not '" + value + "'");
            }
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    SweepCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Arguments a) {
        try {
            return sweep(a);
        } catch (UsageException e) {
            throw e;
        } catch (RuntimeException e) { // exit 1 means findings: a failure must not look like one
            err.println("cmk-guard sweep: failed: " + e.getMessage());
            return ERRORS;
        }
    }

    private int sweep(Arguments a) {
        if (a.world().isEmpty() && !a.config().containsKey("OCI_CONFIG_FILE")) {
            // checked before the first line of output: the advice is for a laptop, not for a function
            OciConnection.configFile(a.configFile().orElse(OciConnection.defaultConfigFile()),
                    a.profile().orElse(OciConnection.DEFAULT_PROFILE));
        }
        List<List<SweepReport>> sweeps = new ArrayList<>(); // per region, its invocations' reports
        List<String> labels = new ArrayList<>();
        try (PrintStream log = a.log().map(SweepCommand::file).orElse(new PrintStream(OutputStream.nullOutputStream()))) {
            if (a.world().isPresent()) {
                try (LocalCloud cloud = LocalCloud.start(a.world().get())) {
                    Map<String, String> env = new LinkedHashMap<>(cloud.wiring());
                    sweeps.add(sweepRegion(a, env, "emulator", log));
                    labels.add("emulator");
                }
            } else {
                List<String> regions = a.regions().isEmpty() ? java.util.Collections.singletonList(null) : a.regions();
                for (String region : regions) {
                    Map<String, String> env = new LinkedHashMap<>();
                    env.put("CMK_GUARD_AUTH", "config_file");
                    a.configFile().ifPresent(f -> env.put("OCI_CONFIG_FILE", f.toString()));
                    a.profile().ifPresent(p -> env.put("OCI_CONFIG_PROFILE", p));
                    if (region != null) {
                        env.put("CMK_GUARD_REGION", region);
                    }
                    String label = region == null ? "the profile's region" : region;
                    sweeps.add(sweepRegion(a, env, label, log));
                    labels.add(label);
                }
            }
        }
        print(a, sweeps, labels);
        return status(sweeps.stream().flatMap(List::stream).toList());
    }

    /** One region's sweep, following its continuations: the report of each invocation, in order. */
    private List<SweepReport> sweepRegion(Arguments a, Map<String, String> wiring, String label, PrintStream log) {
        Map<String, String> env = new LinkedHashMap<>(wiring);
        env.put("CMK_GUARD_MODE", "audit"); // the sweep's own mode decides; audit needs no topic or key
        env.put("CMK_GUARD_SWEEP_DEADLINE_SECONDS", "86400"); // a laptop has no function timeout
        env.putAll(a.config());
        env.values().removeIf(String::isEmpty);
        try (CmkGuard guard = CmkGuard.start(env, log, Clock.systemUTC())) {
            Progress progress = new Progress(err, label);
            List<SweepReport> parts = new ArrayList<>();
            Optional<String> continuation = Optional.empty();
            do {
                SweepReport report = guard.sweep(body(a, continuation), progress);
                parts.add(report);
                continuation = report.continuation();
            } while (continuation.isPresent());
            progress.done();
            return parts;
        }
    }

    private static ObjectNode body(Arguments a, Optional<String> continuation) {
        ObjectNode sweep = JSON.createObjectNode();
        sweep.put("compartmentId", a.compartmentId());
        sweep.put("includeSubcompartments", a.includeSubcompartments());
        if (!a.types().isEmpty()) {
            ArrayNode types = sweep.putArray("resourceTypes");
            a.types().forEach(types::add);
        }
        sweep.put("mode", a.mode());
        a.maxRemediations().ifPresent(n -> sweep.put("maxRemediations", n));
        continuation.ifPresent(c -> sweep.put("continuation", c));
        return sweep;
    }

    private void print(Arguments a, List<List<SweepReport>> sweeps, List<String> labels) {
        List<SweepReport> reports = new ArrayList<>();
        List<String> reportLabels = new ArrayList<>();
        for (int i = 0; i < sweeps.size(); i++) {
            reports.addAll(sweeps.get(i));
            reportLabels.addAll(java.util.Collections.nCopies(sweeps.get(i).size(), labels.get(i)));
        }
        SweepReportJson.Detail detail = a.all() ? SweepReportJson.Detail.ALL : SweepReportJson.Detail.FINDINGS;
        switch (a.output()) {
            case JSON -> sweeps.forEach(parts -> out.println(whole(parts, detail)));
            case CSV -> {
                if (a.all()) {
                    out.print(ResourceCsv.header());
                    reports.forEach(r -> out.print(ResourceCsv.rows(r.resources())));
                } else {
                    SweepTable.csv(reports, out);
                }
            }
            case HTML -> out.print(ReportHtml.page(sweeps.stream().map(parts -> whole(parts, detail)).toList()));
            case TABLE -> SweepTable.table(reports, reportLabels, out);
        }
    }

    /** A region's sweep as one report: its invocations' reports merged as the function's chain merges them. */
    private static ObjectNode whole(List<SweepReport> parts, SweepReportJson.Detail detail) {
        return ReportMerge.merge(parts.stream().map(r -> SweepReportJson.toJson(r, detail)).toList());
    }

    /** The worst of the reports' statuses (see {@link SweepStatus#of}): the same rule as {@code invoke}'s. */
    static int status(List<SweepReport> reports) {
        return reports.stream().mapToInt(r -> SweepStatus.of(SweepReportJson.toJson(r))).max().orElse(ALL_COMPLIANT);
    }

    private static PrintStream file(Path path) {
        try {
            return new PrintStream(new java.io.FileOutputStream(path.toFile()), true, StandardCharsets.UTF_8);
        } catch (java.io.FileNotFoundException e) {
            throw new UsageException("--log " + path + ": " + e.getMessage());
        }
    }

    /** One line on stderr, rewritten in place at most every 200 ms. */
    private static final class Progress implements io.cmkguard.guard.sweep.SweepProgress {
        private final PrintStream err;
        private final String label;
        private long shownAt;
        private int judged;

        Progress(PrintStream err, String label) {
            this.err = err;
            this.label = label;
        }

        @Override
        public synchronized void judged(int count, String compartmentId, io.cmkguard.result.GuardResult result) {
            judged++;
            long now = System.currentTimeMillis();
            if (now - shownAt >= 200) {
                shownAt = now;
                err.print("\rsweeping " + label + ": " + judged + " resources judged (" + compartmentId + ")   ");
                err.flush();
            }
        }

        synchronized void done() {
            err.println("\rsweeping " + label + ": " + judged + " resources judged, done"
                    + " ".repeat(40));
        }
    }
}
