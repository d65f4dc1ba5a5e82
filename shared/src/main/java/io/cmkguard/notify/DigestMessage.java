package io.cmkguard.notify;

import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Renders a sweep's digest: the summary is the first line (Slack ignores titles), then the worst
 * findings, each with its fix, as many as fit below ONS's 64 KB; the rest are counted.
 */
public final class DigestMessage {
    private DigestMessage() {
    }

    public static Notification render(Digest d) {
        String summary = summary(d);
        StringBuilder b = new StringBuilder("[cmk-guard] ").append(summary).append("\n\n");
        b.append("Sweep ").append(d.sweepId()).append(" of ").append(d.scope()).append(", mode ").append(d.mode())
                .append(d.complete() ? "" : d.notes().isEmpty() ? " (not complete yet: it continues in the next invocation)"
                        : " (not complete: see below)").append("\n\n");
        d.notes().forEach(note -> b.append(note).append('\n'));
        if (!d.notes().isEmpty()) {
            b.append('\n');
        }
        if (!d.ruleProblems().isEmpty()) { // before the findings: without the rules, new resources go unchecked
            b.append("Events rules need attention: events do not reach cmk-guard until they are fixed"
                    + " (bin/cmk-guard rules apply):\n");
            d.ruleProblems().forEach(p -> b.append("- ").append(p).append('\n'));
            b.append('\n');
        }
        int shown = 0;
        for (Finding f : d.findings()) {
            String entry = entry(f);
            int rest = d.findings().size() - shown + d.leftOut();
            String more = "\n... and " + rest + " more findings in the sweep report\n";
            if (bytes(b) + bytes(entry) + bytes(more) > FindingMessage.MAX_BODY_BYTES) {
                b.append(more);
                break;
            }
            b.append(entry);
            shown++;
        }
        String title = "cmk-guard sweep: " + summary;
        return new Notification(title.length() <= FindingMessage.MAX_TITLE_CHARS ? title
                : title.substring(0, FindingMessage.MAX_TITLE_CHARS - 3) + "...", b.toString());
    }

    /** "12 of 1 540 resources not on a customer-managed key, 5 fixed". */
    static String summary(Digest d) {
        String s = count(d.notOnCmk()) + " of " + count(d.scanned()) + " resources not on a customer-managed key";
        if (d.fixed() > 0) {
            s += ", " + count(d.fixed()) + " fixed";
        }
        if (d.errors() > 0) {
            s += ", " + count(d.errors()) + " could not be checked";
        }
        if (!d.ruleProblems().isEmpty()) {
            s += "; Events rules need attention";
        }
        return s;
    }

    private static String entry(Finding f) {
        GuardResult r = f.result();
        StringBuilder b = new StringBuilder();
        b.append("- ").append(r.verdict().name())
                .append(r.action() == Action.REMEDIATED ? " (FIXED)" : r.action() == Action.REMEDIATION_FAILED
                        ? " (REMEDIATION FAILED)" : "")
                .append(": ").append(f.noun()).append(' ')
                .append(r.displayName().isBlank() ? r.resourceId() : r.displayName() + " (" + r.resourceId() + ")")
                .append(" in ").append(r.compartmentId()).append('\n');
        r.reasons().stream().limit(2).forEach(reason -> b.append("    ").append(reason).append('\n'));
        if (r.action() != Action.REMEDIATED) {
            f.fixCommand().ifPresent(cmd -> b.append("    fix: ").append(cmd).append('\n'));
        }
        return b.toString();
    }

    /** Digits grouped by a space, as in "1 540". */
    static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
    }

    private static int bytes(CharSequence s) {
        return s.toString().getBytes(StandardCharsets.UTF_8).length;
    }
}
