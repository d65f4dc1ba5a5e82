package io.cmkguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.policy.Status;
import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cmkguard.report.Parts.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report as text: every value from OCI escaped, nothing external, the findings worst first. */
class ReportHtmlTest {
    private static final String PROD = "ocid1.compartment.oc1..prod";
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final String IMG = "\"><img src=x onerror=alert(2)>";
    private static final String QUOTE = "x' onmouseover='alert(3)";

    private static JsonNode report() {
        List<GuardResult> results = List.of(
                resource("ocid1.volume.oc1.iad.ok", "block-volume", "fine", PROD, Status.COMPLIANT, Action.NONE, "ok"),
                resource("ocid1.volume.oc1.iad.fixed", "block-volume", "fixed", PROD, Status.NON_COMPLIANT,
                        Action.REMEDIATED, "re-keyed"),
                resource("ocid1.volume.oc1.iad.script", "block-volume", SCRIPT, PROD, Status.NON_COMPLIANT,
                        Action.NOTIFIED, "Oracle-managed key: " + IMG),
                resource("ocid1.bucket.oc1.iad.exempt", "bucket", QUOTE, "ocid1.compartment.oc1..<b>dev</b>",
                        Status.EXEMPT, Action.NONE, "exempt"),
                GuardResult.builder().resourceId("ocid1.bucket.oc1.iad.err").resourceType("bucket").displayName(IMG)
                        .compartmentId(PROD).region("us-ashburn-1").verdict(Status.ERROR).action(Action.NONE)
                        .reasons(List.of("could not be read")).error(Optional.of(new GuardResult.Fault("NotAuthorized",
                                "no grant " + SCRIPT))).build());
        return Parts.part("sweep-html", results, true, Optional.empty(), Instant.parse("2026-11-25T03:00:00Z"),
                12_345, Optional.of("msg-1"));
    }

    @Test
    void everyTextFromOciIsEscapedAndThePageLoadsNothing() {
        String html = ReportHtml.page(report());

        assertFalse(html.contains(SCRIPT), "no script element from a name");
        assertFalse(html.contains("<img"), "no element from a name");
        assertFalse(html.contains("<b>dev"), html);
        assertFalse(html.contains("' onmouseover"), "no attribute from a name");
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the name shows as text");
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
        assertTrue(html.contains("x&#39; onmouseover=&#39;alert(3)"));
        assertFalse(Pattern.compile("<script|<link|<iframe|<object|<[a-z]+[^>]*\\s(src|srcset|background)=|url\\("
                + "|@import", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no script and no external asset");
        assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'; img-src data:;"));
    }

    @Test
    void theNumbersAreTheReportsAndTheFindingsComeWorstFirst() {
        String html = ReportHtml.page(report());

        assertEquals("5", count(html, "scanned"));
        assertEquals("2", count(html, "NON_COMPLIANT"));
        assertEquals("1", count(html, "remediated"));
        assertEquals("1", count(html, "ERROR"));
        assertTrue(html.contains("<tr data-type=\"block-volume\"><th>block-volume</th><td class=\"n scanned\">3</td>"
                + "<td class=\"n nonCompliant\">2</td><td class=\"n\">66.7 %</td>"), html);
        assertTrue(html.contains("data-compartment=\"ocid1.compartment.oc1..&lt;b&gt;dev&lt;/b&gt;\""));
        Matcher ids = Pattern.compile("<tr class=\"finding\" data-resource-id=\"([^\"]+)\"").matcher(html);
        StringBuilder order = new StringBuilder();
        while (ids.find()) {
            order.append(ids.group(1).replaceAll(".*\\.", "")).append(' ');
        }
        assertEquals("err script fixed exempt ", order.toString(),
                "an error, then a finding left as is, then the re-keyed one, then the exempt one (the digest's order)");
        assertTrue(html.contains("<dd data-param=\"started\">2026-11-25T03:00:00Z</dd>"));
        assertTrue(html.contains("<dd data-param=\"finished\">2026-11-25T03:00:12.345Z</dd>"));
        assertTrue(html.contains("<dd data-param=\"invocations\">1</dd>"));
        assertTrue(html.contains("cmk-guard-volumes: disabled"), "the Events rules' problems");
        assertTrue(html.contains(
                "<a href=\"https://cloud.oracle.com/block-storage/volumes/ocid1.volume.oc1.iad.script\""));
    }

    @Test
    void aConsoleLinkIsOnlyEverAWebPage() {
        ObjectNode report = report().deepCopy();
        ((ObjectNode) report.withArray("findings").get(0).path("fix")).put("consoleUrl", "javascript:alert(4)");
        String html = ReportHtml.page(report);
        assertFalse(html.contains("javascript:"), html);
    }

    @Test
    void aSweepThatCouldNotRunSaysSoFirst() {
        ObjectNode report = report().deepCopy();
        report.putObject("error").put("code", "CompartmentNotFound").put("message", "no such compartment " + SCRIPT);
        report.put("complete", false);
        String html = ReportHtml.page(report);
        assertTrue(html.contains("The sweep could not run: <code>CompartmentNotFound</code> no such compartment "
                + "&lt;script&gt;"), html);
    }

    private static String count(String html, String key) {
        Matcher m = Pattern.compile("data-count=\"" + key + "\"><span class=\"n\">(\\d+)</span>").matcher(html);
        assertTrue(m.find(), key);
        return m.group(1);
    }
}
