package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.util.Echo;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A published ONS message as its subscribers see it: email shows the title as the subject and the body;
 * Slack (like HTTPS) shows only the body, which is why the body's first line is the summary.
 */
final class NotificationView {
    private NotificationView() {
    }

    static void print(PrintStream out, ObjectNode message, int number, int count) {
        String title = Echo.line(message.path("title").asText(""));
        String body = body(message);
        out.println("=== Notification " + number + " of " + count + " — as email ===");
        out.println("Subject: " + title);
        out.println();
        out.println(body.stripTrailing());
        out.println();
        out.println("=== Notification " + number + " of " + count + " — as Slack ===");
        out.println(body.stripTrailing());
        out.println();
    }

    /** One line per message: its subject, as an email inbox would list them. */
    static void printCompact(PrintStream out, List<ObjectNode> messages) {
        if (messages.isEmpty()) {
            return;
        }
        out.println("Notifications published (" + messages.size() + "; in full with --notifications):");
        messages.forEach(m -> out.println("  " + Echo.line(m.path("title").asText(""))));
    }

    /** The body's own lines, each clean (Echo): what a terminal shows is what subscribers read. */
    private static String body(ObjectNode message) {
        return message.path("body").asText("").lines().map(Echo::line).collect(Collectors.joining("\n"));
    }
}
