package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.loggingsearch.model.SearchLogsDetails;
import com.oracle.bmc.loggingsearch.model.SearchResult;
import com.oracle.bmc.loggingsearch.requests.SearchLogsRequest;
import com.oracle.bmc.loggingsearch.responses.SearchLogsResponse;
import com.oracle.bmc.model.BmcException;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cmk-guard logs}: the deployed function's decision lines, read back from OCI Logging through the
 * Logging Search API (the function's stdout reaches its invoke log one entry per line), as a table or as the
 * JSON lines the function wrote. Exit 0 when the search ran (whatever it found), 1 when OCI refused it.
 */
final class LogsCommand {
    static final String DECISION = "cmk-guard.decision";
    static final List<String> VERDICTS = List.of("COMPLIANT", "NON_COMPLIANT", "EXEMPT", "NOT_FOUND", "IGNORED", "ERROR");
    private static final Duration MAX_SINCE = Duration.ofDays(14);
    private static final int PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SINCE = Pattern.compile("(\\d+)([mhd])");

    enum Output { TABLE, JSON }

    record Arguments(String compartmentId, Optional<String> logGroupId, Optional<String> logId, Duration since,
                     Optional<String> verdict, Output output, int limit, OciConnection.Options oci) {

        static Arguments parse(List<String> args) {
            ArgReader reader = new ArgReader(args);
            String compartment = null;
            Optional<String> logGroup = Optional.empty();
            Optional<String> log = Optional.empty();
            Duration since = Duration.ofHours(1);
            Optional<String> verdict = Optional.empty();
            Output output = Output.TABLE;
            int limit = PAGE;
            OciConnection.Options oci = new OciConnection.Options();
            while (reader.hasNext()) {
                String arg = reader.next();
                switch (arg) {
                    case "--compartment" -> compartment = Ocids.require(arg, reader.valueOf(arg), "compartment", "tenancy");
                    case "--log-group-id" -> logGroup = Optional.of(Ocids.require(arg, reader.valueOf(arg), "loggroup"));
                    case "--log-id" -> log = Optional.of(Ocids.require(arg, reader.valueOf(arg), "log"));
                    case "--since" -> since = since(reader.valueOf(arg));
                    case "--verdict" -> verdict = Optional.of(ArgReader.oneOf(arg, reader.valueOf(arg),
                            VERDICTS.toArray(String[]::new)));
                    case "--output" -> output = Output.valueOf(ArgReader.oneOf(arg, reader.valueOf(arg), "table", "json")
                            .toUpperCase(Locale.ROOT));
                    case "--limit" -> {
                        limit = ArgReader.wholeNumber(arg, reader.valueOf(arg));
                        if (limit == 0) {
                            throw new UsageException("--limit must be 1 or more");
                        }
                    }
                    default -> {
                        if (!oci.read(arg, reader)) {
                            throw ArgReader.unexpected(arg);
                        }
                    }
                }
            }
            oci.check();
            if (compartment == null) {
                compartment = Optional.ofNullable(oci.world()).flatMap(LocalCloud::tenancyOf).orElseThrow(() ->
                        new UsageException("--compartment OCID is needed (the compartment of the function's log group)"));
            }
            if (log.isPresent() && logGroup.isEmpty()) {
                throw new UsageException("--log-id needs --log-group-id (a log is searched within its log group)");
            }
            return new Arguments(compartment, logGroup, log, since, verdict, output, limit, oci);
        }

        /** 30m, 1h, 2d: at most 14 days, which is as far back as OCI Logging searches. */
        static Duration since(String text) {
            Matcher m = SINCE.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                Duration d = switch (m.group(2)) {
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
                if (!d.isZero() && d.compareTo(MAX_SINCE) <= 0) {
                    return d;
                }
            }
            throw new UsageException("--since must be minutes, hours or days such as 30m, 1h or 2d (at most 14d),"
                    + " not '" + text + "'");
        }

        /** The search's scope and filters in OCI's query language; the verdict filter is the line's own text. */
        String query() {
            StringBuilder scope = new StringBuilder(compartmentId);
            logGroupId.ifPresent(g -> scope.append('/').append(g));
            logId.ifPresent(l -> scope.append('/').append(l));
            StringBuilder query = new StringBuilder("search \"" + scope + "\" | data.message = '*\"log\":\""
                    + DECISION + "\"*'");
            verdict.ifPresent(v -> query.append(" and data.message = '*\"verdict\":\"").append(v).append("\"*'"));
            return query.append(" | sort by datetime asc").toString();
        }
    }

    private final PrintStream out;
    private final PrintStream err;

    LogsCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(Arguments a) {
        Instant end = Instant.now();
        Instant start = end.minus(a.since());
        try (OciConnection oci = OciConnection.open(a.oci())) {
            List<JsonNode> lines = search(oci, a, start, end);
            if (a.output() == Output.JSON) {
                lines.forEach(out::println);
            } else {
                table(lines);
                out.println(lines.size() + " decision line" + (lines.size() == 1 ? "" : "s")
                        + a.verdict().map(v -> " with verdict " + v).orElse("") + " since " + start
                        + (lines.size() == a.limit() ? " (the first " + a.limit() + ": --limit for more)" : "") + ".");
            }
            return Main.OK;
        } catch (BmcException e) {
            err.println("cmk-guard logs: OCI Logging Search refused the search: " + e.getStatusCode() + " "
                    + e.getServiceCode() + ": " + e.getMessage().lines().findFirst().orElse(""));
            return Main.FAILED;
        }
    }

    private static List<JsonNode> search(OciConnection oci, Arguments a, Instant start, Instant end) {
        List<JsonNode> lines = new ArrayList<>();
        Optional<String> page = Optional.empty();
        do {
            SearchLogsResponse response = oci.logSearch().searchLogs(SearchLogsRequest.builder()
                    .searchLogsDetails(SearchLogsDetails.builder()
                            .timeStart(Date.from(start))
                            .timeEnd(Date.from(end))
                            .searchQuery(a.query())
                            .isReturnFieldInfo(false)
                            .build())
                    .limit(Math.min(PAGE, a.limit() - lines.size()))
                    .page(page.orElse(null))
                    .build());
            for (SearchResult result : response.getSearchResponse().getResults()) {
                decision(result, a.verdict()).ifPresent(lines::add);
                if (lines.size() == a.limit()) {
                    return lines;
                }
            }
            page = Optional.ofNullable(response.getOpcNextPage());
        } while (page.isPresent());
        return lines;
    }

    /** The decision line an entry carries (data.message, as the function printed it), if it is one. */
    static Optional<JsonNode> decision(SearchResult result, Optional<String> verdict) {
        JsonNode entry = JSON.valueToTree(result.getData());
        String message = entry.path("logContent").path("data").path("message").asText("");
        try {
            JsonNode line = JSON.readTree(message);
            boolean wanted = line != null && DECISION.equals(line.path("log").asText())
                    && verdict.map(v -> v.equals(line.path("verdict").asText())).orElse(true);
            return wanted ? Optional.of(line) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // a line that only mentions a decision
        }
    }

    private void table(List<JsonNode> lines) {
        ResultTable table = new ResultTable("TIME", "VERDICT", "ACTION", "TYPE", "RESOURCE", "REASON");
        for (JsonNode line : lines) {
            String time = line.path("time").asText("");
            table.add(time.length() >= 19 ? time.substring(0, 19).replace('T', ' ') : time,
                    line.path("verdict").asText(""), line.path("action").asText(""),
                    line.path("resourceType").asText(""), ResultTable.cut(name(line), 24),
                    SamplesTable.shortReason(line));
        }
        table.print(out, 140);
    }

    private static String name(JsonNode line) {
        String name = line.path("displayName").asText("");
        return name.isBlank() ? line.path("resourceId").asText("-") : name;
    }
}
