package io.cmkguard.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * The notifier when no topic is configured: the rendered message goes to the log (OCI Logging in
 * a function), one JSON line, and nothing is published.
 */
public final class LogOnlyNotifier implements Notifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final Clock clock;

    public LogOnlyNotifier(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public Optional<String> publish(Finding finding) {
        log(FindingMessage.render(finding));
        return Optional.empty();
    }

    @Override
    public Optional<String> publishKeyAlert(KeyAlert alert) {
        log(KeyAlertMessage.render(alert));
        return Optional.empty();
    }

    @Override
    public Optional<String> publishDigest(Digest digest) {
        log(DigestMessage.render(digest));
        return Optional.empty();
    }

    private void log(Notification n) {
        ObjectNode line = JSON.createObjectNode();
        line.put("log", "cmk-guard.notification");
        line.put("time", clock.instant().toString());
        line.put("title", n.title());
        line.put("body", n.body());
        out.println(line);
    }
}
