package io.cmkguard.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.EmulatedCloud;
import io.cmkguard.HeadlessChromium;
import io.cmkguard.app.CmkGuard;
import io.cmkguard.emulator.GeneratedWorld;
import io.cmkguard.emulator.GeneratedWorld.Fate;
import io.cmkguard.emulator.World;
import io.cmkguard.guard.sweep.SweepProgress;
import io.cmkguard.guard.sweep.SweepReport;
import io.cmkguard.guard.sweep.SweepReportJson;
import io.cmkguard.report.ReportHtml;
import io.cmkguard.report.ReportMerge;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report of a real sweep (real SDK clients, signed, against the emulator), cut by its deadline into
 * several invocations and merged as a chain merges them, opened in a real headless Chromium: the numbers the
 * browser shows are the report's, and names that are HTML or script show as text, never as elements.
 */
class SweepReportBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names whoever creates a volume may give it, each meant to become markup. */
    private static final List<String> MARKUP_NAMES = List.of("<script>alert(1)</script>",
            "\"><img src=x onerror=alert(2)>", "</td></tr></table><h1>forged</h1>", "<svg onload=alert(3)>",
            "x' onmouseover='alert(4)", "&lt;b&gt;already escaped&lt;/b&gt;");

    @TempDir
    Path dir;

    @Test
    void theBrowserShowsTheReportsNumbersAndHostileNamesAsText() throws Exception {
        GeneratedWorld generated = GeneratedWorld.generate(1, 2, 4, 19);
        List<String> hostileIds = new ArrayList<>();
        World world = generated.world().with("volumes", hostileVolumes(generated, hostileIds));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<JsonNode> parts = new ArrayList<>();
        try (EmulatedCloud cloud = new EmulatedCloud(world);
             // a clock that moves 10 ms each time it is read: the 2 s deadline cuts the sweep into several parts
             CmkGuard guard = CmkGuard.start(cloud.config(Map.of("CMK_GUARD_MODE", "audit",
                     "CMK_GUARD_SWEEP_DEADLINE_SECONDS", "2")), new PrintStream(log, true, StandardCharsets.UTF_8),
                     new TickingClock(Duration.ofMillis(10)))) {
            Optional<String> continuation = Optional.empty();
            do {
                ObjectNode body = JSON.createObjectNode().put("compartmentId", GeneratedWorld.TENANCY);
                continuation.ifPresent(c -> body.put("continuation", c));
                SweepReport part = guard.sweep(body, SweepProgress.NONE);
                assertTrue(part.error().isEmpty(), part.error().toString());
                // each part as text and back, as the function stores it
                parts.add(JSON.readTree(SweepReportJson.write(part, SweepReportJson.Detail.ALL)));
                continuation = part.continuation();
            } while (continuation.isPresent() && parts.size() < 100);
        }
        assertTrue(parts.size() > 1, "the deadline cut the sweep: " + parts.size() + " invocations");
        JsonNode report = ReportMerge.merge(parts);
        everyLiveResourceJudgedOnce(report, generated, hostileIds);

        Path page = dir.resolve("report.html");
        Files.writeString(page, ReportHtml.page(report));
        String dom = HeadlessChromium.require().dumpDom(page, dir);
        Document doc = Jsoup.parse(dom);

        assertEquals(1, doc.select("section.sweep").size(), "the browser rendered the report: " + dom);
        assertEquals(text(report.path("scanned")), stat(doc, "scanned"));
        for (String verdict : List.of("NON_COMPLIANT", "COMPLIANT", "EXEMPT", "NOT_FOUND", "ERROR")) {
            assertEquals(text(report.path("counts").path(verdict)), stat(doc, verdict), verdict);
        }
        assertEquals(text(report.path("remediated")), stat(doc, "remediated"));
        sameCounts(doc, "type", report.path("byType"));
        sameCounts(doc, "compartment", report.path("byCompartment"));
        assertEquals(generated.compartments().size(), report.path("byCompartment").size(), "every compartment");
        assertEquals(String.valueOf(parts.size()), doc.selectFirst("dd[data-param=invocations]").text());
        assertEquals(report.path("startedAt").asText(), doc.selectFirst("dd[data-param=started]").text());
        assertEquals("yes", doc.selectFirst("dd[data-param=complete]").text());
        assertEquals(report.path("findings").size(), doc.select("tr.finding").size(), "every finding listed");

        // the names are text in the page, in the DOM the browser built, and nothing they carry became markup
        List<String> shownNames = doc.select("tr.finding .name").eachText();
        assertTrue(shownNames.containsAll(MARKUP_NAMES), shownNames.toString());
        assertTrue(doc.select("script, img, iframe, object, embed, link, form, base").isEmpty(), dom);
        assertEquals(1, doc.select("h1").size(), "no heading forged by a name");
        assertEquals(1, doc.select("section.sweep table.findings").size(), "no table closed by a name");
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertFalse(a.getKey().toLowerCase().startsWith("on"), "an event handler from a name: " + e);
            }
        }
        assertTrue(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name escaped in the DOM");
        Element csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertNotNull(csp, "the page's own policy");
        assertTrue(csp.attr("content").startsWith("default-src 'none'"), csp.toString());
    }

    /** Volumes off a customer-managed key (so findings), named as an attacker would, in the tenancy. */
    private static ObjectNode[] hostileVolumes(GeneratedWorld generated, List<String> ids) {
        String templateId = generated.ids("volumes", Fate.ORACLE_MANAGED).get(0);
        ObjectNode template = generated.world().resources("volumes").stream()
                .filter(v -> v.path("id").asText().equals(templateId)).findFirst().orElseThrow();
        List<ObjectNode> volumes = new ArrayList<>();
        for (int i = 0; i < MARKUP_NAMES.size(); i++) {
            String id = "ocid1.volume.oc1.iad.markup" + i;
            ids.add(id);
            volumes.add(template.deepCopy().put("id", id).put("displayName", MARKUP_NAMES.get(i)));
        }
        return volumes.toArray(ObjectNode[]::new);
    }

    /** The merged report lists each live resource once, and its counts are those of its list. */
    private static void everyLiveResourceJudgedOnce(JsonNode report, GeneratedWorld generated, List<String> extra) {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> byType = new HashMap<>();
        Map<String, Integer> byCompartment = new HashMap<>();
        for (JsonNode r : report.path("resources")) {
            assertTrue(ids.add(r.path("resourceId").asText()), "judged twice: " + r);
            byType.merge(r.path("resourceType").asText(), 1, Integer::sum);
            byCompartment.merge(r.path("compartmentId").asText(), 1, Integer::sum);
        }
        assertEquals(generated.liveCount() + extra.size(), ids.size(), "every live resource, once");
        assertTrue(ids.containsAll(extra));
        assertEquals(ids.size(), report.path("scanned").asInt());
        report.path("byType").fields().forEachRemaining(f -> assertEquals(byType.getOrDefault(f.getKey(), 0),
                f.getValue().path("scanned").asInt(), f.getKey()));
        report.path("byCompartment").fields().forEachRemaining(f -> assertEquals(byCompartment.get(f.getKey()),
                f.getValue().path("scanned").asInt(), f.getKey()));
    }

    /** Each row of a coverage table holds the JSON's numbers, and there is a row for each key and no other. */
    private static void sameCounts(Document doc, String kind, JsonNode counts) {
        Element table = doc.selectFirst("table.coverage[data-by=" + kind + "]");
        assertNotNull(table, kind);
        assertEquals(counts.size(), table.select("tbody tr").size(), kind);
        counts.fields().forEachRemaining(f -> {
            Element row = table.select("tbody tr").stream().filter(tr -> tr.attr("data-" + kind).equals(f.getKey()))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for " + f.getKey()));
            assertEquals(text(f.getValue().path("scanned")), row.selectFirst("td.scanned").text(), f.getKey());
            assertEquals(text(f.getValue().path("nonCompliant")), row.selectFirst("td.nonCompliant").text(),
                    f.getKey());
            assertEquals(f.getKey(), row.selectFirst("th").text());
        });
    }

    private static String stat(Document doc, String key) {
        Element stat = doc.selectFirst("[data-count=" + key + "] .n");
        assertNotNull(stat, key);
        return stat.text();
    }

    private static String text(JsonNode number) {
        assertTrue(number.isNumber(), "a number: " + number);
        return number.asText();
    }
}
