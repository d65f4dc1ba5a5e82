package io.cmkguard.fn;

import com.fnproject.fn.api.FnConfiguration;
import com.fnproject.fn.api.Headers;
import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.api.RuntimeContext;
import io.cmkguard.app.Answer;
import io.cmkguard.app.CmkGuard;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
        // the log in UTF-8 too: Fn sets no locale, and names beyond ASCII would be logged as '?'
        PrintStream log = new PrintStream(System.err, true, StandardCharsets.UTF_8); // bytes pass System.err as they are
        guard = CmkGuard.start(context.getConfiguration(), log, Clock.systemUTC());
    }

    public OutputEvent handleRequest(InputEvent input) {
        String body = input.consumeBody(in -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new JsonOutput(guard.answer(body, Optional.ofNullable(input.getDeadline())));
    }

    /**
     * The answer, written by the FDK straight into its response: always UTF-8 (a String answer would be encoded
     * in the platform's charset, ASCII where no locale is set), and a sweep's megabytes never held twice more.
     * The content type is the one a String answer had.
     */
    private record JsonOutput(Answer answer) implements OutputEvent {
        @Override
        public Status getStatus() {
            return Status.Success;
        }

        @Override
        public Optional<String> getContentType() {
            return Optional.of("text/plain");
        }

        @Override
        public Headers getHeaders() {
            return Headers.emptyHeaders();
        }

        @Override
        public void writeToOutput(OutputStream out) throws IOException {
            answer.writeTo(out);
        }
    }
}
