package io.cmkguard.notify;

import io.cmkguard.result.Action;
import io.cmkguard.result.GuardResult;

import java.nio.charset.StandardCharsets;

/**
 * Renders a finding for people. Slack and HTTPS subscriptions ignore the title, so the body's
 * first line is the summary; email uses the title as its subject. ONS takes at most 64 KB.
 */
public final class FindingMessage {
    static final int MAX_TITLE_CHARS = 250;
    static final int MAX_BODY_BYTES = 60_000; // below ONS's 64 KB, leaving room for the title and envelope

    private FindingMessage() {
    }

    public static Notification render(Finding f) {
        GuardResult r = f.result();
        String name = r.displayName().isBlank() ? r.resourceId() : r.displayName();
        String compartment = f.compartmentName().isBlank() ? r.compartmentId() : f.compartmentName();
        String title = cut("cmk-guard: " + headline(f) + " " + f.noun() + " " + name + " in " + compartment,
                MAX_TITLE_CHARS);

        StringBuilder b = new StringBuilder();
        b.append(summary(f, name)).append("\n\n");
        field(b, "Resource", name);
        field(b, "OCID", r.resourceId());
        field(b, "Type", r.resourceType());
        field(b, "Compartment", f.compartmentName().isBlank() ? r.compartmentId()
                : f.compartmentName() + " (" + r.compartmentId() + ")");
        field(b, "Region", r.region());
        field(b, "Event", r.eventType() + (r.eventId().isBlank() ? "" : " (event " + r.eventId() + ")"));
        field(b, "Verdict", r.verdict().name());
        field(b, "Key before", r.kmsKeyIdBefore().isBlank() ? "Oracle-managed" : r.kmsKeyIdBefore());
        if (r.action() == Action.REMEDIATED) {
            field(b, "Key now", r.kmsKeyIdAfter());
        }
        b.append("\nWhy:\n");
        r.reasons().forEach(reason -> b.append("  - ").append(reason).append('\n'));
        r.lineage().ifPresent(l -> {
            b.append('\n');
            field(b, "Lineage", l.relation() + " " + l.sourceId()
                    + (l.sourceKmsKeyId().isBlank() ? "" : " (on key " + l.sourceKmsKeyId() + ")")
                    + (l.downgrade() ? " -- CMK DOWNGRADE" : ""));
        });
        b.append("\nWhat was done:\n  ").append(whatWasDone(f)).append('\n');
        if (r.action() != Action.REMEDIATED) {
            f.fixCommand().ifPresent(cmd -> b.append("\nTo fix:\n  ").append(cmd).append('\n'));
        }
        f.prerequisite().ifPresent(p -> b.append("\nPrerequisite:\n  ").append(p).append('\n'));
        b.append('\n');
        field(b, "Console", f.consoleUrl());
        return new Notification(title, cutUtf8(b.toString(), MAX_BODY_BYTES));
    }

    private static String headline(Finding f) {
        GuardResult r = f.result();
        if (r.action() == Action.REMEDIATED) {
            return "FIXED";
        }
        if (r.action() == Action.REMEDIATION_FAILED) {
            return "REMEDIATION FAILED for";
        }
        return r.lineage().map(GuardResult.Lineage::downgrade).orElse(false) ? "CMK DOWNGRADE on" : "NOT COMPLIANT:";
    }

    private static String summary(Finding f, String name) {
        GuardResult r = f.result();
        String first = r.reasons().isEmpty() ? "" : r.reasons().get(0);
        return switch (r.action()) {
            case REMEDIATED -> "[cmk-guard] FIXED: " + f.noun() + " " + name + " is now on customer-managed key "
                    + r.kmsKeyIdAfter() + " (" + first + ")";
            case REMEDIATION_FAILED -> "[cmk-guard] REMEDIATION FAILED: " + f.noun() + " " + name
                    + " is still not compliant: " + first;
            default -> "[cmk-guard] " + headline(f) + " " + f.noun() + " " + name + ": " + first;
        };
    }

    private static String whatWasDone(Finding f) {
        GuardResult r = f.result();
        return switch (r.action()) {
            case REMEDIATED -> "cmk-guard assigned key " + r.kmsKeyIdAfter()
                    + " and confirmed it by re-reading the resource. The data was not re-encrypted; only its"
                    + " data key is now wrapped by the customer-managed key.";
            case REMEDIATION_FAILED -> "cmk-guard tried to assign the configured key and it did not take: "
                    + r.error().map(GuardResult.Fault::message).orElse("unknown cause");
            default -> f.blocker().map(b -> "Nothing was changed: " + b + ".")
                    .orElse("Nothing was changed (mode " + r.modeLabel() + ").");
        };
    }

    private static void field(StringBuilder b, String name, String value) {
        b.append(String.format("%-13s%s", name + ":", value)).append('\n');
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** Cuts to at most maxBytes of UTF-8 without splitting a character. */
    static String cutUtf8(String s, int maxBytes) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return s;
        }
        String marker = "\n[... cut to fit the 64 KB message limit]";
        int budget = maxBytes - marker.length();
        int end = 0;
        int used = 0;
        while (end < s.length()) {
            int cp = s.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            used += size;
            end += Character.charCount(cp);
        }
        return s.substring(0, end) + marker;
    }
}
