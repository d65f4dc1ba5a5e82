package io.cmkguard.emulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link EmulatorMain}.
 *
 * @param world      the world file, or null for the demo world
 * @param port       0 for a random free port
 * @param publicKeys PEM files of keys to trust; none means "generate a key and an OCI config"
 * @param dumpOnExit where to write the final state on exit, or null
 * @param latencyMs  added to every request
 * @param throttle   requests a second before 429 TooManyRequests with Retry-After; 0 = no throttle
 * @param function   what runs invoked functions, or null for none
 */
record EmulatorArguments(Path world, int port, List<Path> publicKeys, Path dumpOnExit, int latencyMs, int throttle,
                         HostedFunction function) {
    static final String USAGE = "usage: EmulatorMain [--world FILE] [--port N] [--public-key PEM_FILE]... "
            + "[--dump-on-exit FILE] [--latency-ms N] [--throttle N]\n"
            + "                    [--function LAYOUT_DIR --fn-runtime DIR [--function-config FILE] [--function-log FILE]]";

    /**
     * A packaged function the emulator runs when one of the world's functions is invoked.
     *
     * @param layout  a directory built by layout.sh (app/, jvm.args, entry, java)
     * @param runtime the FDK runtime directory (its JNI library in lib/)
     * @param config  K=V lines, the function's configuration, or null
     * @param log     where the function's output goes, or null for a temporary file
     */
    record HostedFunction(Path layout, Path runtime, Path config, Path log) {
    }

    static EmulatorArguments parse(String... args) {
        Path world = null;
        Path dumpOnExit = null;
        int port = 0;
        int latencyMs = 0;
        int throttle = 0;
        List<Path> keys = new ArrayList<>();
        Path functionLayout = null;
        Path fnRuntime = null;
        Path functionConfig = null;
        Path functionLog = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option.startsWith("--")
                        ? option + " needs a value" : "unexpected argument " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--world" -> world = Path.of(value);
                case "--port" -> port = port(value);
                case "--public-key" -> keys.add(Path.of(value));
                case "--dump-on-exit" -> dumpOnExit = Path.of(value);
                case "--latency-ms" -> latencyMs = nonNegative(option, value);
                case "--throttle" -> throttle = nonNegative(option, value);
                case "--function" -> functionLayout = Path.of(value);
                case "--fn-runtime" -> fnRuntime = Path.of(value);
                case "--function-config" -> functionConfig = Path.of(value);
                case "--function-log" -> functionLog = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        HostedFunction function = null;
        if (functionLayout != null) {
            if (fnRuntime == null) {
                throw new IllegalArgumentException("--function needs --fn-runtime DIR (the FDK runtime, e.g."
                        + " functions/cmk-guard/target/fn-runtime)");
            }
            function = new HostedFunction(functionLayout, fnRuntime, functionConfig, functionLog);
        } else if (fnRuntime != null || functionConfig != null || functionLog != null) {
            throw new IllegalArgumentException("--fn-runtime, --function-config and --function-log go with --function");
        }
        return new EmulatorArguments(world, port, List.copyOf(keys), dumpOnExit, latencyMs, throttle, function);
    }

    private static int nonNegative(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(option + " must be a whole number of 0 or more, not " + value);
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be 0..65535, not " + value);
        }
    }
}
