package io.cmkguard.guard;

import io.cmkguard.result.GuardResult;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.time.Clock;

/**
 * One structured JSON line per decision, for OCI Logging. It holds the result only: never the
 * configuration or the environment, which carry the resource-principal token.
 */
public final class DecisionLog {
    private final PrintStream out;
    private final Clock clock;

    public DecisionLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    public void record(GuardResult result) {
        ObjectNode line = ResultJson.toJson(result);
        ObjectNode framed = line.objectNode();
        framed.put("log", "cmk-guard.decision");
        framed.put("time", clock.instant().toString());
        framed.setAll(line);
        framed.remove("items"); // each item is logged as its own decision
        out.println(framed);
    }

    /** A line about the function itself (start-up problems), never about its config values. */
    public void event(String kind, String message) {
        ObjectNode line = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        line.put("log", "cmk-guard." + kind);
        line.put("time", clock.instant().toString());
        line.put("message", message);
        out.println(line);
    }
}
