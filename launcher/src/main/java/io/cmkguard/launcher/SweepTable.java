package io.cmkguard.launcher;

import io.cmkguard.result.GuardResult;
import io.cmkguard.guard.sweep.SweepReport;
import io.cmkguard.policy.Status;
import io.cmkguard.util.Csv;
import io.cmkguard.util.Echo;

import java.io.PrintStream;
import java.util.List;

/** The sweep's findings for people (a table and a summary per region) and for spreadsheets (CSV). */
final class SweepTable {
    private static final String[] HEADER = {"verdict", "action", "resourceType", "displayName", "resourceId",
            "compartmentId", "region", "reason", "fix"};

    private SweepTable() {
    }

    static void table(List<SweepReport> reports, List<String> labels, PrintStream out) {
        String format = "%-13s %-18s %-20s %-24s %s%n";
        out.printf(format, "VERDICT", "ACTION", "TYPE", "NAME", "RESOURCE / REASON");
        for (SweepReport r : reports) {
            for (GuardResult f : r.findings()) {
                out.printf(format, f.verdict(), f.action(), Echo.bounded(f.resourceType()),
                        cut(Echo.bounded(f.displayName()), 24), Echo.bounded(f.resourceId()));
                out.printf("%-79s %s%n", "", f.reasons().isEmpty() ? "" : Echo.line(f.reasons().get(0)));
            }
        }
        out.println();
        for (int i = 0; i < reports.size(); i++) {
            SweepReport r = reports.get(i);
            if (r.error().isPresent()) {
                out.println(labels.get(i) + ": sweep failed: " + Echo.bounded(r.error().get().code()) + ": "
                        + Echo.line(r.error().get().message()));
                continue;
            }
            out.println(labels.get(i) + ": " + r.count(Status.NON_COMPLIANT) + " of " + r.scanned()
                    + " resources not on a customer-managed key, " + r.remediated() + " fixed, "
                    + r.count(Status.EXEMPT) + " exempt, " + r.count(Status.ERROR) + " errors (sweep " + Echo.bounded(r.sweepId())
                    + ", mode " + r.mode() + ", " + r.durationMs() + " ms)");
        }
    }

    static void csv(List<SweepReport> reports, PrintStream out) {
        out.println(String.join(",", HEADER));
        for (SweepReport r : reports) {
            for (GuardResult f : r.findings()) {
                out.println(Csv.row(List.of(f.verdict().name(), f.action().name(), f.resourceType(),
                        f.displayName(), f.resourceId(), f.compartmentId(), f.region(),
                        f.reasons().isEmpty() ? "" : f.reasons().get(0),
                        f.fix().flatMap(GuardResult.Fix::command).orElse(""))));
            }
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
