package io.cmkguard.launcher;

import io.cmkguard.emulator.EmulatorMain;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cmk-guard emulator}: the emulator alone, until Ctrl-C. Delegates to the emulator's own main, which
 * prints the base URL and OCI_CONFIG_FILE=<path> (a throwaway key it trusts) and deletes the key on exit.
 */
final class EmulatorCommand {
    private EmulatorCommand() {
    }

    /** The arguments for EmulatorMain, checked here so that mistakes get cmk-guard's usage and exit 2. */
    static List<String> parse(List<String> args) {
        ArgReader reader = new ArgReader(args);
        List<String> forwarded = new ArrayList<>();
        while (reader.hasNext()) {
            String arg = reader.next();
            switch (arg) {
                case "--world" -> forwarded.addAll(List.of("--world",
                        ArgReader.existingFile("--world", reader.valueOf(arg)).toString()));
                case "--port" -> forwarded.addAll(List.of("--port", port(reader.valueOf(arg))));
                default -> throw new UsageException("emulator: unexpected argument " + arg);
            }
        }
        return forwarded;
    }

    static int run(List<String> emulatorArgs, PrintStream err) throws InterruptedException {
        err.println("cmk-guard: emulator running until Ctrl-C. Point a function at it with"
                + " CMK_GUARD_OCI_ENDPOINT=<base URL> CMK_GUARD_AUTH=config_file OCI_CONFIG_FILE=<path below>");
        EmulatorMain.main(emulatorArgs.toArray(String[]::new)); // returns only when the JVM is stopping
        return 0;
    }

    private static String port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--port must be a number 0..65535, not '" + value + "'");
    }
}
