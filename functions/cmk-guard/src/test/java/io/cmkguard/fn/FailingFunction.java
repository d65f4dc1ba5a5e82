package io.cmkguard.fn;

/** A function that fails, to pin what the FDK answers the Fn server when a function throws. */
public class FailingFunction {
    public String handleRequest(String body) {
        throw new IllegalStateException("deliberate failure for: " + body);
    }
}
