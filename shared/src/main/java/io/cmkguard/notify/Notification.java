package io.cmkguard.notify;

/** A message for the topic: the title is the email subject; Slack and HTTPS show only the body. */
public record Notification(String title, String body) {
}
