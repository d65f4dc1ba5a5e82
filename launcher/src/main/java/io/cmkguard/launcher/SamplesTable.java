package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What the demo prints about its results: a table that fits a 100-column terminal, the same rows as Markdown
 * (with each sample's file and full reason: events/samples/README.md is exactly that), and a summary that
 * counts each verdict/action pair and says in one line what the pair means.
 */
final class SamplesTable {
    static final int SCREEN_WIDTH = 100;
    private static final int NAME_WIDTH = 22;
    private static final int TYPE_WIDTH = 19;
    /** an OCID, shortened to its last part (ocid1.key.oc1.iad.emuvault1.keyhsm -> keyhsm) */
    private static final Pattern OCID = Pattern.compile("ocid1\\.[a-z0-9]+\\.[a-z0-9-]*\\.[a-z0-9-]*\\.(?:[^\\s,;()]*\\.)?([A-Za-z0-9_-]+)");

    /** What each verdict/action pair means, for the summary's legend. */
    private static final Map<String, String> MEANING = new LinkedHashMap<>();

    static {
        MEANING.put("NON_COMPLIANT REMEDIATED", "re-keyed in place with your key, checked by a re-read, notified");
        MEANING.put("NON_COMPLIANT REMEDIATION_FAILED", "re-keying did not take; notified with the reason");
        MEANING.put("NON_COMPLIANT NOTIFIED", "notified and left as is: not safe to change automatically");
        MEANING.put("NON_COMPLIANT LOGGED", "in the function's log only (mode audit)");
        MEANING.put("NON_COMPLIANT NONE", "already notified for this resource: the repeat is not published");
        MEANING.put("COMPLIANT NOTIFIED", "on a customer-managed key; a warning about its key was published");
        MEANING.put("COMPLIANT NONE", "on a customer-managed key, or a healthy key: nothing to do");
        MEANING.put("EXEMPT NONE", "exempt by its cmk-guard-exempt tag: nothing to do");
        MEANING.put("NOT_FOUND NONE", "gone before the function read it: nothing to do");
        MEANING.put("IGNORED NONE", "not an event cmk-guard judges: nothing read");
        MEANING.put("ERROR NOTIFIED", "could not be judged (see the reason); notified");
        MEANING.put("ERROR NONE", "could not be judged (see the reason)");
    }

    private SamplesTable() {
    }

    /** One row per event: resource, type, verdict, action and a short reason, in 100 columns. */
    static void screen(List<Optional<JsonNode>> results, PrintStream out) {
        ResultTable table = new ResultTable("RESOURCE", "TYPE", "VERDICT", "ACTION", "REASON");
        for (Optional<JsonNode> result : results) {
            if (result.isEmpty()) {
                table.add("-", "-", "(no result)", "-", "the function did not answer: see the log");
                continue;
            }
            JsonNode r = result.get();
            table.add(ResultTable.cut(resourceName(r), NAME_WIDTH), ResultTable.cut(type(r), TYPE_WIDTH),
                    ResultLine.text(r, "verdict"), ResultLine.text(r, "action"), shortReason(r));
        }
        table.print(out, SCREEN_WIDTH);
    }

    /** The table of events/samples/README.md: one row per sample file, with its first reason in full. */
    static void markdown(List<Path> samples, List<Optional<JsonNode>> results, PrintStream out) {
        out.println("| file | resource | type | verdict | action | reason |");
        out.println("|---|---|---|---|---|---|");
        for (int i = 0; i < samples.size(); i++) {
            String file = "`" + samples.get(i).getFileName() + "`";
            Optional<JsonNode> result = results.get(i);
            if (result.isEmpty()) {
                out.println("| " + file + " | - | - | (no result) | - | the function did not answer |");
                continue;
            }
            JsonNode r = result.get();
            out.println("| " + String.join(" | ", file, cell(resourceName(r)), cell(type(r)),
                    ResultLine.text(r, "verdict"), ResultLine.text(r, "action"), cell(firstReason(r))) + " |");
        }
    }

    /** The counts of each verdict/action pair, each with its meaning, then the notifications and the time. */
    static void summary(List<Optional<JsonNode>> results, int published, long millis, PrintStream out) {
        Map<String, Integer> pairs = new TreeMap<>((a, b) -> order(a) != order(b) ? order(a) - order(b) : a.compareTo(b));
        long unanswered = 0;
        for (Optional<JsonNode> result : results) {
            if (result.isEmpty()) {
                unanswered++;
                continue;
            }
            pairs.merge(ResultLine.text(result.get(), "verdict") + " " + ResultLine.text(result.get(), "action"),
                    1, Integer::sum);
        }
        wrap("Summary: " + results.size() + " events in " + String.format("%.1f", millis / 1000.0) + " s, "
                + published + " notifications published" + (unanswered > 0 ? ", " + unanswered + " unanswered" : "")
                + ". NON_COMPLIANT: not on a customer-managed key.", SCREEN_WIDTH, out);
        pairs.forEach((pair, count) -> {
            String[] parts = pair.split(" ");
            out.println(ResultTable.cut(String.format("%4d  %-13s %-10s  %s", count, parts[0], parts[1],
                    MEANING.getOrDefault(pair, "")), SCREEN_WIDTH).stripTrailing());
        });
    }

    private static int order(String pair) {
        List<String> known = List.copyOf(MEANING.keySet());
        int i = known.indexOf(pair);
        return i < 0 ? known.size() : i;
    }

    /**
     * The first reason in a few words, for a narrow column: OCIDs shortened to their last part, asides in
     * parentheses dropped, cut where the detail starts (the full reason is in the result and the log).
     */
    static String shortReason(JsonNode r) {
        String reason = OCID.matcher(firstReason(r)).replaceAll("$1")
                .replaceAll(" \\([^)]*\\)", "")
                .replaceFirst("^CMK downgrade: it was ", "CMK downgrade, ")
                .replaceFirst("^it is encrypted with the Oracle-managed key.*", "Oracle-managed key")
                .replaceFirst("^it is encrypted with a TDE master key kept only in the database's own wallet.*",
                        "TDE key only in its own wallet")
                .replaceFirst("^Vault key \\S+ ((?:was|is) )", "$1")
                .replaceFirst("^(it is |it was |its )", "")
                .replaceFirst("^encrypted with ", "on ")
                .replaceFirst(" in vault \\S+$", "");
        for (String detail : new String[] {": ", " — ", ", which", ". "}) {
            int at = reason.indexOf(detail);
            if (at > 0) {
                reason = reason.substring(0, at);
            }
        }
        return reason;
    }

    /** The words of the text in lines of at most {@code width} characters. */
    static void wrap(String text, int width, PrintStream out) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
                out.println(line);
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        if (!line.isEmpty()) {
            out.println(line);
        }
    }

    private static String firstReason(JsonNode r) {
        JsonNode reasons = r.path("reasons");
        return reasons.isArray() && !reasons.isEmpty() ? reasons.get(0).asText("") : "";
    }

    private static String resourceName(JsonNode r) {
        String name = ResultLine.text(r, "displayName");
        String id = ResultLine.text(r, "resourceId");
        return !name.isBlank() ? name : !id.isBlank() ? id : "-";
    }

    private static String type(JsonNode r) {
        String type = ResultLine.text(r, "resourceType");
        return type.isBlank() ? "-" : type;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
