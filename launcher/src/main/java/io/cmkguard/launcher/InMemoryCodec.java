package io.cmkguard.launcher;

import com.fnproject.fn.api.Headers;
import com.fnproject.fn.api.InputEvent;
import com.fnproject.fn.api.OutputEvent;
import com.fnproject.fn.runtime.EventCodec;
import com.fnproject.fn.runtime.ReadOnceInputEvent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The FDK's transport, in memory: where the Fn server would POST /call over the unix socket, this feeds
 * each body to the runtime's handler and keeps each answer. The runtime's own code (config, coercion,
 * invocation, error mapping) runs unchanged; only the socket is skipped, which needs a native library
 * that ships only in the Fn image. Each call gets its deadline (Fn-Deadline) when it starts.
 */
final class InMemoryCodec implements EventCodec {
    private final List<String> bodies;
    private final Supplier<Instant> deadline;
    private final List<Answer> answers = new ArrayList<>();

    /** @param deadline each call's deadline, asked as the call starts */
    InMemoryCodec(List<String> bodies, Supplier<Instant> deadline) {
        this.bodies = List.copyOf(bodies);
        this.deadline = deadline;
    }

    @Override
    public void runCodec(Handler handler) {
        int call = 0;
        for (String body : bodies) {
            call++;
            Headers headers = Headers.emptyHeaders().addHeader("Content-Type", "application/json");
            InputEvent event = new ReadOnceInputEvent(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                    headers, "cmk-guard-local-call-" + call, deadline.get());
            answers.add(Answer.of(handler.handle(event)));
        }
    }

    List<Answer> answers() {
        return List.copyOf(answers);
    }

    /** One function answer: the FDK status and the body (the result JSON when it succeeded). */
    record Answer(OutputEvent.Status status, String body) {
        static Answer of(OutputEvent output) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                output.writeToOutput(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the function's answer", e);
            }
            return new Answer(output.getStatus(), bytes.toString(StandardCharsets.UTF_8));
        }

        boolean succeeded() {
            return status == OutputEvent.Status.Success;
        }
    }
}
