package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.List;

/**
 * A published ONS message as its subscribers see it: email shows the title as the subject and the body;
 * Slack (like HTTPS) shows only the body, which is why the body's first line is the summary.
 */
final class NotificationView {
    private NotificationView() {
    }

    static void print(PrintStream out, ObjectNode message, int number, int count) {
        String title = message.path("title").asText("");
        String body = message.path("body").asText("");
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
        messages.forEach(m -> out.println("  " + m.path("title").asText("")));
    }
}
