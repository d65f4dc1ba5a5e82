package io.cmkguard.fn;

import com.fnproject.fn.api.FnConfiguration;
import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.RuntimeContext;
import io.cmkguard.app.CmkGuard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The Fn entry point ({@code io.cmkguard.fn.CmkGuardFunction::handleRequest}): parse, delegate,
 * answer. Everything is built once per warm container from the function's configuration. The raw
 * input event gives the body as text (so malformed JSON gets cmk-guard's own clear error, not a
 * coercion failure) and the call's deadline, which the guard answers within.
 */
public class CmkGuardFunction {
    private CmkGuard guard;

    @FnConfiguration
    public void configure(RuntimeContext context) {
        guard = CmkGuard.start(context.getConfiguration(), System.err, Clock.systemUTC());
    }

    public String handleRequest(InputEvent input) {
        String body = input.consumeBody(in -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return guard.handle(body, Optional.ofNullable(input.getDeadline()));
    }
}
