package io.cmkguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.cmkguard.guard.Guard;
import io.cmkguard.policy.Status;
import io.cmkguard.util.Echo;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sweep report as one self-contained HTML page an auditor can keep and print: headline numbers, coverage
 * by resource type and by compartment (a bar each: not on a customer-managed key against the rest), the
 * findings worst first with their reasons and fix, what could not be judged, the Events rules, and the
 * sweep's parameters and timings. No script, no external asset (inline CSS and SVG). Every text from the
 * report is HTML-escaped (names come from whoever created the resource), and a Content-Security-Policy
 * that allows no script, no fetch and only inline styles is the second line of defence.
 */
public final class ReportHtml {
    /** Findings listed on the page; the rest are counted (the JSON and the CSV have them all). */
    public static final int MAX_FINDINGS_SHOWN = 2_000;
    /**
     * A field of the report given to the page, not of the report's contract: findings left out of its
     * {@code findings} (a whole sweep's page is built from its worst ones only, so no step holds them all).
     */
    public static final String FINDINGS_LEFT_OUT = "findingsLeftOut";
    /** Worst first, as the digest orders them: errors, then findings (re-keyed ones last), then the rest. */
    public static final Comparator<JsonNode> WORST_FIRST = Comparator.comparingInt(ReportHtml::severity).reversed()
            .thenComparing(f -> f.path("action").asText().equals("REMEDIATED"));

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
            + " base-uri 'none'; form-action 'none'";

    private static final String NOT_ON_CMK = "#b3261e";
    private static final String REST = "#2e7d32";
    private static final int BAR_WIDTH = 160;

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;margin:24px auto;\
            max-width:1100px;padding:0 16px}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 6px;border-bottom:1px solid #ddd}\
            h3{font-size:15px;margin:20px 0 6px}
            .lead{font-size:16px;margin:6px 0 12px}.bad{color:#b3261e}.ok{color:#2e7d32}
            .stats{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
            .stat{border:1px solid #ddd;border-radius:6px;padding:6px 12px;min-width:110px}
            .stat .n{display:block;font-size:22px;font-weight:600}.stat .l{font-size:12px;color:#555}
            table{border-collapse:collapse;width:100%;margin:4px 0 8px}
            th,td{border-bottom:1px solid #e4e4e4;padding:4px 6px;text-align:left;vertical-align:top}
            th{font-size:12px;color:#555;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            code,.id{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
            .id{color:#555}ul{margin:0;padding-left:18px}.legend span{margin-right:14px}
            .sw{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:baseline}
            .verdict{font-weight:600;white-space:nowrap}.muted{color:#555}
            .findings td:nth-child(1){width:12%}.findings td:nth-child(2){width:27%}.findings td:nth-child(4){width:30%}
            dl.params{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px}dl.params dd{margin:0}
            @media print{body{margin:0;max-width:none;font-size:11px}section.sweep{break-before:page}\
            section.sweep:first-of-type{break-before:auto}tr{break-inside:avoid}}
            """;

    private ReportHtml() {
    }

    /** The page of one sweep's (whole) report. */
    public static String page(JsonNode report) {
        return page(List.of(report));
    }

    /** One page for several sweeps (a laptop sweep of several regions): a section each. */
    public static String page(List<? extends JsonNode> reports) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY)
                .append("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>cmk-guard sweep report</title>\n<style>\n").append(STYLE).append("</style>\n")
                .append("</head>\n<body>\n<h1>cmk-guard sweep report</h1>\n")
                .append("<p class=\"muted\">Is every resource encrypted with a customer-managed key (CMK)?")
                .append(" The evidence of ").append(reports.size() == 1 ? "one sweep" : reports.size() + " sweeps")
                .append(".</p>\n");
        for (int i = 0; i < reports.size(); i++) {
            section(html, reports.get(i), i + 1);
        }
        return html.append("</body>\n</html>\n").toString();
    }

    private static void section(StringBuilder html, JsonNode r, int number) {
        html.append("<section class=\"sweep\" id=\"sweep-").append(number).append("\" data-sweep-id=\"")
                .append(text(r.path("sweepId"))).append("\">\n<h2>Sweep <code>").append(text(r.path("sweepId")))
                .append("</code></h2>\n");
        headline(html, r);
        coverage(html, "Coverage by resource type", "type", r.path("byType"));
        coverage(html, "Coverage by compartment", "compartment", r.path("byCompartment"));
        findings(html, r.path("findings"), r.path(FINDINGS_LEFT_OUT).asInt(0));
        unjudged(html, r.path("unjudged"));
        eventRules(html, r.path("eventRules"));
        parameters(html, r);
        html.append("</section>\n");
    }

    private static void headline(StringBuilder html, JsonNode r) {
        JsonNode counts = r.path("counts");
        int scanned = r.path("scanned").asInt();
        int notOnCmk = counts.path("NON_COMPLIANT").asInt();
        JsonNode error = r.path("error");
        if (error.isObject()) {
            html.append("<p class=\"lead bad\">The sweep could not run: <code>").append(text(error.path("code")))
                    .append("</code> ").append(text(error.path("message"))).append("</p>\n");
        } else if (notOnCmk > 0) {
            html.append("<p class=\"lead bad\">").append(notOnCmk).append(" of ").append(scanned)
                    .append(" resources judged are not on a customer-managed key.</p>\n");
        } else {
            html.append("<p class=\"lead ok\">None of the ").append(scanned)
                    .append(" resources judged is off a customer-managed key.</p>\n");
        }
        if (!r.path("complete").asBoolean()) {
            html.append("<p class=\"lead bad\">The sweep is not complete: ").append(r.path("continuation").isTextual()
                            ? "it was cut by its deadline and continues with a continuation token"
                            : "some listings stopped short, their resources are not (all) judged (see below)")
                    .append(".</p>\n");
        }
        html.append("<div class=\"stats\">\n");
        stat(html, "scanned", scanned, "resources judged");
        stat(html, "NON_COMPLIANT", notOnCmk, "not on a customer-managed key");
        stat(html, "remediated", r.path("remediated").asInt(), "re-keyed and verified");
        stat(html, "COMPLIANT", counts.path("COMPLIANT").asInt(), "compliant");
        stat(html, "EXEMPT", counts.path("EXEMPT").asInt(), "exempt by tag");
        stat(html, "NOT_FOUND", counts.path("NOT_FOUND").asInt(), "gone during the sweep");
        stat(html, "ERROR", counts.path("ERROR").asInt(), "errors (not judged)");
        html.append("</div>\n");
    }

    private static void stat(StringBuilder html, String key, int n, String label) {
        html.append("<div class=\"stat\" data-count=\"").append(key).append("\"><span class=\"n\">").append(n)
                .append("</span><span class=\"l\">").append(label).append("</span></div>\n");
    }

    /** A table with a bar per row: the share not on a customer-managed key, and the rest. */
    private static void coverage(StringBuilder html, String title, String kind, JsonNode counts) {
        html.append("<h3>").append(title).append("</h3>\n");
        if (!counts.isObject() || counts.isEmpty()) {
            html.append("<p class=\"muted\">Nothing judged.</p>\n");
            return;
        }
        html.append("<p class=\"legend muted\"><span><span class=\"sw\" style=\"background:").append(NOT_ON_CMK)
                .append("\"></span>not on a customer-managed key</span><span><span class=\"sw\" style=\"background:")
                .append(REST).append("\"></span>the rest (on a CMK, exempt, gone or in error)</span></p>\n")
                .append("<table class=\"coverage\" data-by=\"").append(kind).append("\">\n<thead><tr><th>")
                .append(kind).append("</th><th class=\"n\">judged</th><th class=\"n\">not on a CMK</th>")
                .append("<th class=\"n\">share not on a CMK</th><th></th></tr></thead>\n<tbody>\n");
        counts.fields().forEachRemaining(f -> {
            int scanned = f.getValue().path("scanned").asInt();
            int off = f.getValue().path("nonCompliant").asInt();
            String key = Echo.line(f.getKey());
            html.append("<tr data-").append(kind).append("=\"").append(escape(key)).append("\"><th>")
                    .append(kind.equals("type") ? escape(key) : "<span class=\"id\">" + escape(key) + "</span>")
                    .append("</th><td class=\"n scanned\">").append(scanned)
                    .append("</td><td class=\"n nonCompliant\">").append(off).append("</td><td class=\"n\">").append(percent(off, scanned)).append("</td><td>");
            bar(html, scanned, off);
            html.append("</td></tr>\n");
        });
        html.append("</tbody>\n</table>\n");
    }

    private static void bar(StringBuilder html, int scanned, int off) {
        int red = scanned == 0 ? 0 : (int) Math.round((double) BAR_WIDTH * off / scanned);
        red = off > 0 ? Math.max(red, 2) : red; // a single finding among thousands stays visible
        html.append("<svg width=\"").append(BAR_WIDTH).append("\" height=\"12\" viewBox=\"0 0 ").append(BAR_WIDTH)
                .append(" 12\" role=\"img\" aria-label=\"").append(off).append(" of ").append(scanned)
                .append(" not on a customer-managed key\">");
        if (scanned == 0) {
            html.append("<rect width=\"").append(BAR_WIDTH).append("\" height=\"12\" fill=\"#e4e4e4\"/>");
        } else {
            html.append("<rect width=\"").append(red).append("\" height=\"12\" fill=\"").append(NOT_ON_CMK)
                    .append("\"/><rect x=\"").append(red).append("\" width=\"").append(BAR_WIDTH - red)
                    .append("\" height=\"12\" fill=\"").append(REST).append("\"/>");
        }
        html.append("</svg>");
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
    }

    /** Worst first, as the digest orders them: errors, then findings (re-keyed ones last), then the rest. */
    private static void findings(StringBuilder html, JsonNode findings, int leftOut) {
        html.append("<h3>Findings, worst first</h3>\n");
        List<JsonNode> sorted = new ArrayList<>();
        findings.forEach(sorted::add);
        if (sorted.isEmpty()) {
            html.append("<p class=\"muted\">No finding: every resource judged is on a customer-managed key.</p>\n");
            return;
        }
        sorted.sort(WORST_FIRST);
        html.append("<table class=\"findings\">\n<thead><tr><th>verdict</th><th>resource</th><th>why</th>")
                .append("<th>fix</th></tr></thead>\n<tbody>\n");
        for (JsonNode f : sorted.subList(0, Math.min(sorted.size(), MAX_FINDINGS_SHOWN))) {
            html.append("<tr class=\"finding\" data-resource-id=\"").append(text(f.path("resourceId"))).append("\">")
                    .append("<td><span class=\"verdict\">").append(text(f.path("verdict"))).append("</span><br>")
                    .append("<span class=\"muted\">").append(text(f.path("action"))).append("</span></td>")
                    .append("<td><span class=\"name\">").append(text(f.path("displayName"))).append("</span> <span")
                    .append(" class=\"muted\">").append(text(f.path("resourceType"))).append("</span><br><span")
                    .append(" class=\"id\">").append(text(f.path("resourceId"))).append("</span><br><span")
                    .append(" class=\"id\">in ").append(text(f.path("compartmentId")));
            if (f.path("region").isTextual() && !f.path("region").asText().isEmpty()) {
                html.append(", ").append(text(f.path("region")));
            }
            html.append("</span></td><td><ul>");
            f.path("reasons").forEach(reason -> html.append("<li>").append(text(reason)).append("</li>"));
            if (f.path("error").isObject()) {
                html.append("<li><code>").append(text(f.path("error").path("code"))).append("</code> ")
                        .append(text(f.path("error").path("message"))).append("</li>");
            }
            html.append("</ul></td><td>");
            fix(html, f.path("fix"));
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        int more = Math.max(0, sorted.size() - MAX_FINDINGS_SHOWN) + leftOut;
        if (more > 0) {
            html.append("<p class=\"muted\">").append(more).append(" more findings,")
                    .append(" less severe, are in the report's JSON and CSV.</p>\n");
        }
    }

    private static void fix(StringBuilder html, JsonNode fix) {
        if (!fix.isObject()) {
            return;
        }
        if (fix.path("command").isTextual()) {
            html.append("<code class=\"command\">").append(text(fix.path("command"))).append("</code>");
        }
        if (fix.path("prerequisite").isTextual()) {
            html.append("<br><span class=\"muted\">needs: ").append(text(fix.path("prerequisite"))).append("</span>");
        }
        String console = Echo.line(fix.path("consoleUrl").asText());
        if (console.startsWith("https://")) { // a link only to a web page, never to another scheme
            html.append("<br><a href=\"").append(escape(console)).append("\" rel=\"noreferrer\">console</a>");
        }
    }

    private static int severity(JsonNode finding) {
        try {
            return Guard.severityOf(Status.valueOf(finding.path("verdict").asText()));
        } catch (IllegalArgumentException e) {
            return 0; // a verdict this version does not know: after the known ones
        }
    }

    private static void unjudged(StringBuilder html, JsonNode unjudged) {
        if (!unjudged.isArray() || unjudged.isEmpty()) {
            return;
        }
        html.append("<h3>Not judged: listings that stopped short</h3>\n<table class=\"unjudged\">\n<thead><tr>")
                .append("<th>compartment</th><th>type</th><th>why</th><th class=\"n\">judged before it stopped</th>")
                .append("</tr></thead>\n<tbody>\n");
        unjudged.forEach(u -> html.append("<tr><td class=\"id\">").append(text(u.path("compartmentId")))
                .append("</td><td>").append(text(u.path("resourceType"))).append("</td><td><code>")
                .append(text(u.path("code"))).append("</code> ").append(text(u.path("message")))
                .append("</td><td class=\"n\">").append(u.path("listedBefore").asInt()).append("</td></tr>\n"));
        html.append("</tbody>\n</table>\n");
    }

    private static void eventRules(StringBuilder html, JsonNode rules) {
        html.append("<h3>Events rules</h3>\n");
        if (!rules.isObject() || !rules.path("checked").asBoolean()) {
            html.append("<p class=\"muted\">Not checked").append(rules.path("note").isTextual()
                    ? ": " + text(rules.path("note")) : "").append(".</p>\n");
            return;
        }
        if (rules.path("problems").isEmpty()) {
            html.append("<p class=\"ok\">The Events rules that feed the function are in place.</p>\n");
            return;
        }
        html.append("<ul class=\"bad\">");
        rules.path("problems").forEach(p -> html.append("<li>").append(text(p)).append("</li>"));
        html.append("</ul>\n");
    }

    private static void parameters(StringBuilder html, JsonNode r) {
        html.append("<h3>Parameters and timings</h3>\n<dl class=\"params\">\n");
        param(html, "sweep", "<code>" + text(r.path("sweepId")) + "</code>");
        param(html, "scope", "<span class=\"id\">" + text(r.path("compartmentId")) + "</span>");
        param(html, "mode", text(r.path("mode")));
        param(html, "invocations", String.valueOf(r.path("invocations").asInt(1)));
        param(html, "started", r.path("startedAt").isTextual() ? text(r.path("startedAt")) : "unknown");
        Optional<Instant> finished = instant(r.path("finishedAt"))
                .or(() -> instant(r.path("startedAt")).map(s -> s.plusMillis(r.path("durationMs").asLong())));
        param(html, "finished", finished.map(Instant::toString).orElse("unknown"));
        param(html, "time judging", seconds(r.path("durationMs").asLong()));
        instant(r.path("startedAt")).flatMap(s -> finished.map(f -> Duration.between(s, f).toMillis()))
                .ifPresent(wall -> param(html, "from start to finish", seconds(wall)));
        param(html, "complete", r.path("complete").asBoolean() ? "yes" : r.path("continuation").isTextual()
                ? "no: a continuation token was issued" : "no");
        param(html, "digest", r.path("notified").asBoolean() ? "published, message <code>"
                + text(r.path("messageId")) + "</code>" : "none published");
        html.append("</dl>\n");
    }

    private static void param(StringBuilder html, String name, String valueHtml) {
        html.append("<dt>").append(name).append("</dt><dd data-param=\"").append(name).append("\">")
                .append(valueHtml).append("</dd>\n");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static Optional<Instant> instant(JsonNode value) {
        try {
            return value.isTextual() ? Optional.of(Instant.parse(value.asText())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A value from the report as text for the page: on one line, escaped. */
    private static String text(JsonNode value) {
        return value.isValueNode() && !value.isNull() ? escape(Echo.line(value.asText())) : "";
    }

    /** HTML-escapes text for element content and quoted attribute values alike. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
