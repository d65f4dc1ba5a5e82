package io.cmkguard.notify;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A key alert as an ONS message, summary first (Slack and HTTPS show only the body): what happened to
 * which key, by whom, how many resources of which kinds use it, then the undo command, the deletion
 * date, and the resources one per line, as many as fit the message limit.
 */
public final class KeyAlertMessage {

    private KeyAlertMessage() {
    }

    public static Notification render(KeyAlert a) {
        String title = a.isNote()
                ? "cmk-guard note: Vault key " + a.keyName() + " " + a.happened() + ", used by nothing in scope"
                : "cmk-guard: Vault key " + a.keyName() + " " + a.happened() + ": " + count(a)
                + (a.affected().size() == 1 ? " uses it" : " use it");
        StringBuilder b = new StringBuilder("[cmk-guard] ").append(summary(a)).append("\n\n");
        b.append("Key:         ").append(a.keyId()).append('\n');
        a.deletionTime().ifPresent(t -> b.append("Deleted at:  ").append(t).append(" (")
                .append(daysLeft(a)).append(" days left)\n"));
        b.append("Scope:       ").append(a.scope()).append(" and its subcompartments\n");
        b.append("\nTo undo:\n  ").append(a.undo()).append('\n');
        a.unfinished().ifPresent(u -> b.append("\nNot finished: ").append(u).append('\n'));
        if (!a.affected().isEmpty()) {
            b.append("\nResources that use it:\n");
            for (KeyAlert.Affected r : a.affected()) {
                b.append("  - ").append(r.noun()).append(' ')
                        .append(r.displayName().isBlank() ? r.id() : r.displayName() + " (" + r.id() + ")")
                        .append(" in ").append(r.compartmentId()).append('\n');
            }
        }
        b.append("\ncmk-guard changed nothing: what to do about a key is a person's decision.\n");
        return new Notification(cut(title), FindingMessage.cutUtf8(b.toString(), FindingMessage.MAX_BODY_BYTES));
    }

    /** E.g. "Vault key prod-key was DISABLED by alice — 14 resources use it and ...: 10 block volumes, ...". */
    public static String summary(KeyAlert a) {
        String head = "Vault key " + a.keyName() + " was " + a.happened() + " by " + a.principal();
        if (a.isNote()) {
            return head + ". No resource in " + a.scope() + " uses it, so nothing is affected.";
        }
        String found = a.affected().isEmpty() ? "no resource found so far uses it"
                : count(a) + (a.affected().size() == 1 ? " uses it and " : " use it and ") + a.consequence()
                + ": " + byKind(a);
        return head + " \u2014 " + found + (a.unfinished().isPresent() ? " (the search did not finish)" : "") + ".";
    }

    private static String count(KeyAlert a) {
        return a.affected().size() + (a.affected().size() == 1 ? " resource" : " resources");
    }

    /** "10 block volumes, 3 autonomous databases, 1 boot volume backup", most first. */
    private static String byKind(KeyAlert a) {
        Map<String, Long> counts = a.affected().stream()
                .collect(Collectors.groupingBy(KeyAlert.Affected::noun, LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 ? "" : "s"))
                .collect(Collectors.joining(", "));
    }

    static long daysLeft(KeyAlert a) {
        return a.deletionTime().map(t -> Math.max(0, Duration.between(a.now(), t).toDays())).orElse(0L);
    }

    private static String cut(String s) {
        return s.length() <= FindingMessage.MAX_TITLE_CHARS ? s : s.substring(0, FindingMessage.MAX_TITLE_CHARS - 3) + "...";
    }
}
