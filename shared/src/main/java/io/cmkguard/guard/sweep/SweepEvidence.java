package io.cmkguard.guard.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.oci.ObjectStore;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.report.ReportHtml;
import io.cmkguard.report.ReportMerge;
import io.cmkguard.report.ResourceCsv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A sweep's objects in the report bucket, under {@code sweeps/<sweepId>/}: {@code claims/<tokenId>} (a token
 * used), {@code parts/<nnnnn>.json} and {@code .csv} (one invocation's report and the rows of every resource it
 * judged), then {@code report.json}, {@code resources.csv} and {@code report.html} for the whole sweep. Every
 * object is written once (if-none-match): evidence is never overwritten, and whoever writes {@code report.json}
 * first is the one invocation that publishes the sweep's digest.
 */
public final class SweepEvidence implements ContinuationClaims {
    public static final String REPORT_JSON = "report.json";
    public static final String RESOURCES_CSV = "resources.csv";
    public static final String REPORT_HTML = "report.html";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectStore store;

    public SweepEvidence(ObjectStore store) {
        this.store = store;
    }

    /** Where one sweep's objects are. */
    public static String prefix(String sweepId) {
        return "sweeps/" + sweepId + "/";
    }

    private static String part(String sweepId, int invocation, String extension) {
        return prefix(sweepId) + "parts/" + String.format(Locale.ROOT, "%05d", invocation) + "." + extension;
    }

    @Override
    public boolean claim(String sweepId, String tokenId, Instant expiresAt, Instant now) {
        return store.putIfAbsent(prefix(sweepId) + "claims/" + tokenId, "{\"claimedAt\":\"" + now + "\"}",
                "application/json");
    }

    /**
     * Best effort: a bucket with a retention rule (as the Terraform stack creates it) refuses to delete the claim,
     * and then the token stays used; the sweep is started again instead. A failure here must not turn the
     * answer that says why nothing was judged into another error.
     */
    @Override
    public void release(String sweepId, String tokenId) {
        try {
            store.delete(prefix(sweepId) + "claims/" + tokenId);
        } catch (OciCallException e) {
            // kept: the claim stands, which errs on the side of not running a token twice
        }
    }

    /**
     * Keeps one invocation's report and its resources' rows.
     *
     * @return false when that invocation's part was already kept (the same token run twice)
     */
    boolean keepPart(int invocation, SweepReport report) {
        ObjectNode json = SweepReportJson.toJson(report);
        json.remove("continuation"); // a capability: kept in the answer and the next invocation's body only
        String rows = ResourceCsv.rows(report.resources());
        boolean first = rows.isEmpty() || keep(part(report.sweepId(), invocation, "csv"), rows, "text/csv");
        return keep(part(report.sweepId(), invocation, "json"), json.toString(), "application/json") && first;
    }

    /**
     * Writes the object if none of that name exists. When the answer is lost (a timeout) the write may still have
     * landed: an object of that name with this very content is then this write's, not a failure.
     */
    private boolean keep(String name, String content, String contentType) {
        try {
            return store.putIfAbsent(name, content, contentType);
        } catch (OciCallException e) {
            if (store.get(name).map(content::equals).orElse(false)) {
                return true;
            }
            throw e;
        }
    }
    /** The invocations whose parts are kept, in the order they ran. */
    List<Integer> parts(String sweepId) {
        List<Integer> parts = new ArrayList<>();
        for (String name : store.list(prefix(sweepId) + "parts/")) {
            if (name.endsWith(".json")) {
                parts.add(Integer.parseInt(name.substring(name.lastIndexOf('/') + 1, name.length() - 5)));
            }
        }
        return parts;
    }

    /**
     * The whole sweep from its kept parts, read one at a time so that no step holds every part or every finding
     * as a tree: the report's JSON as text (the findings spliced in as they were kept), and for the page and the
     * digest its summary with only the worst {@link ReportHtml#MAX_FINDINGS_SHOWN} findings (the rest counted
     * in {@link ReportHtml#FINDINGS_LEFT_OUT}).
     *
     * @param json    report.json: the parts merged ({@link ReportMerge}), every finding in order
     * @param summary the same without all its findings
     */
    record Whole(String sweepId, List<Integer> parts, String json, ObjectNode summary) {
    }

    Whole whole(String sweepId) {
        List<Integer> parts = parts(sweepId);
        List<JsonNode> summaries = new ArrayList<>();
        StringBuilder findings = new StringBuilder();
        List<JsonNode> worst = new ArrayList<>();
        int total = 0;
        for (int invocation : parts) {
            ObjectNode part = (ObjectNode) read(part(sweepId, invocation, "json"));
            JsonNode kept = part.replace("findings", part.arrayNode());
            for (JsonNode finding : kept == null ? part.arrayNode() : kept) {
                findings.append(total++ == 0 ? "" : ",").append(finding);
                worst.add(finding);
                if (worst.size() > 2 * ReportHtml.MAX_FINDINGS_SHOWN) {
                    keepWorst(worst);
                }
            }
            summaries.add(part);
        }
        keepWorst(worst);
        ObjectNode merged = ReportMerge.merge(summaries);
        String text = merged.toString();
        String empty = "\"findings\":[]"; // the first one is the report's own: every field before it is a count
        int at = text.indexOf(empty);
        String json = text.substring(0, at) + "\"findings\":[" + findings + "]" + text.substring(at + empty.length());
        merged.set("findings", merged.arrayNode().addAll(worst));
        merged.put(ReportHtml.FINDINGS_LEFT_OUT, total - worst.size());
        return new Whole(sweepId, parts, json, merged);
    }

    private static void keepWorst(List<JsonNode> findings) {
        findings.sort(ReportHtml.WORST_FIRST);
        findings.subList(Math.min(findings.size(), ReportHtml.MAX_FINDINGS_SHOWN), findings.size()).clear();
    }


    /**
     * Writes the whole sweep's report if no invocation has: true for the one that did, which then writes the
     * CSV and the page and publishes the digest.
     */
    boolean keepWhole(Whole whole) {
        return keep(prefix(whole.sweepId()) + REPORT_JSON, whole.json(), "application/json");
    }

    /** The CSV of every resource judged (the parts' rows under one header) and the HTML page. */
    void keepViews(Whole whole) {
        StringBuilder csv = new StringBuilder(ResourceCsv.header());
        for (int invocation : whole.parts()) {
            store.get(part(whole.sweepId(), invocation, "csv")).ifPresent(csv::append);
        }
        store.putIfAbsent(prefix(whole.sweepId()) + RESOURCES_CSV, csv.toString(), "text/csv");
        store.putIfAbsent(prefix(whole.sweepId()) + REPORT_HTML, ReportHtml.page(whole.summary()),
                "text/html; charset=utf-8");
    }

    /** Where people find the sweep's objects, for the digest and the answer. */
    List<String> where(String sweepId, String consoleBase, String region) {
        String prefix = prefix(sweepId);
        return List.of("The sweep's report is kept in bucket " + store.bucket() + " under " + prefix + " ("
                + REPORT_HTML + ", " + REPORT_JSON + ", " + RESOURCES_CSV + "): "
                + store.consoleUrl(consoleBase, prefix, region),
                "Download the page: oci os object get --namespace-name " + store.namespace() + " --bucket-name "
                        + store.bucket() + " --name " + prefix + REPORT_HTML + " --file report.html");
    }

    String bucket() {
        return store.bucket();
    }

    private JsonNode read(String name) {
        String text = store.get(name).orElseThrow(() -> new IllegalStateException(name + " was listed but is gone"));
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("the kept part " + name + " is not JSON", e);
        }
    }

    /** The first invocation up to {@code last} whose part is not kept, if any. */
    static Optional<Integer> missing(List<Integer> parts, int last) {
        for (int i = 0; i <= last; i++) {
            if (!parts.contains(i)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
