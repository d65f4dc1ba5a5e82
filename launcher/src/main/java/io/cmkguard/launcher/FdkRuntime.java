package io.cmkguard.launcher;

import com.fnproject.fn.runtime.EntryPoint;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the packaged function on the real Fn FDK runtime in this JVM: one call = one warm container
 * that is configured once and then answers every body in order.
 */
final class FdkRuntime {
    static final String HANDLER = "io.cmkguard.fn.CmkGuardFunction::handleRequest";

    private FdkRuntime() {
    }

    /**
     * @param config the function configuration (becomes RuntimeContext.getConfiguration(), as Fn does with
     *               app and function config)
     * @param log    where the runtime's lines and the function's decision log go
     */
    static List<InMemoryCodec.Answer> invoke(Map<String, String> config, List<String> bodies, PrintStream log) {
        Map<String, String> env = new HashMap<>(config);
        // what the Fn server sets in every function container; FN_FORMAT is required by the runtime
        env.put("FN_FORMAT", "http-stream");
        env.put("FN_APP_NAME", "cmk-guard-local");
        env.put("FN_FN_NAME", "cmk-guard");
        env.put("FN_APP_ID", "local-app");
        env.put("FN_FN_ID", "local-cmk-guard");

        InMemoryCodec codec = new InMemoryCodec(bodies);
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        // As in the Fn image, the function's stdout and stderr are its log, never the caller's output.
        System.setOut(log);
        System.setErr(log);
        int exit;
        try {
            exit = new EntryPoint().run(env, codec, log, HANDLER);
        } finally {
            log.flush();
            System.setOut(stdout);
            System.setErr(stderr);
        }
        List<InMemoryCodec.Answer> answers = codec.answers();
        if (answers.size() != bodies.size()) {
            throw new IllegalStateException("the FDK runtime stopped (exit " + exit + ") after " + answers.size()
                    + " of " + bodies.size() + " invocations: see the log");
        }
        return answers;
    }
}
