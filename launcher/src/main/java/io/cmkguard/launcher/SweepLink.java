package io.cmkguard.launcher;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A sweep's answer read as one link of its chain (the report's {@code chain}: which invocation of the sweep it
 * was, how the sweep goes on, and why), for the lines that say so.
 */
final class SweepLink {
    /** chain.next: the function invoked itself to go on. */
    static final String FUNCTION = "function";

    private SweepLink() {
    }

    /** chain.next: function, caller, stopped or done; "" for a report without a chain (a refused sweep). */
    static String next(JsonNode report) {
        return ResultLine.text(report.path("chain"), "next");
    }

    /** "sweep S, invocation N (CALL): MESSAGE", N counting from 0 as the chain does. */
    static String describe(JsonNode report, String call) {
        JsonNode chain = report.path("chain");
        return "sweep " + ResultLine.text(report, "sweepId") + ", invocation " + ResultLine.text(chain, "invocation")
                + " (" + call + "): " + ResultLine.text(chain, "message");
    }
}
