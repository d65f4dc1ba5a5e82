package io.cmkguard.fn;

import com.fnproject.fn.api.FnConfiguration;
import com.fnproject.fn.api.RuntimeContext;
import io.cmkguard.guard.CmkGuard;

import java.time.Clock;

/**
 * The Fn entry point ({@code io.cmkguard.fn.CmkGuardFunction::handleRequest}): parse, delegate,
 * answer. Everything is built once per warm container from the function's configuration; the body
 * is taken as a String so malformed JSON gets cmk-guard's own clear error, not a coercion failure.
 */
public class CmkGuardFunction {
    private CmkGuard guard;

    @FnConfiguration
    public void configure(RuntimeContext context) {
        guard = CmkGuard.start(context.getConfiguration(), System.err, Clock.systemUTC());
    }

    public String handleRequest(String body) {
        return guard.handle(body);
    }
}
