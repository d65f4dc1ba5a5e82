package io.cmkguard.launcher;

import io.cmkguard.emulator.EmulatorMain;
import io.cmkguard.emulator.OciEmulator;
import io.cmkguard.emulator.World;

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

    /** The arguments for EmulatorMain and the world they name. */
    record Arguments(List<String> forwarded, World world) {
    }

    /** The arguments for EmulatorMain, checked here so that mistakes get cmk-guard's usage and exit 2. */
    static Arguments parse(List<String> args) {
        ArgReader reader = new ArgReader(args);
        List<String> forwarded = new ArrayList<>();
        World world = null;
        while (reader.hasNext()) {
            String arg = reader.next();
            switch (arg) {
                case "--world" -> {
                    String value = reader.valueOf(arg);
                    world = ArgReader.world(value); // read and checked now, so a bad world is a usage error
                    if (!ArgReader.DEMO_WORLD.equals(value)) { // EmulatorMain's default is the demo world
                        forwarded.addAll(List.of("--world", value));
                    }
                }
                case "--port" -> forwarded.addAll(List.of("--port", port(reader.valueOf(arg))));
                case "--verbose" -> { } // the SDK's warnings: see SdkLogging
                default -> throw ArgReader.unexpected(arg);
            }
        }
        return new Arguments(forwarded, world != null ? world : OciEmulator.demoWorld());
    }

    static int run(Arguments arguments, PrintStream err) throws InterruptedException {
        err.println("cmk-guard: emulator running until Ctrl-C; its world's tenancy is "
                + LocalCloud.tenancyOf(arguments.world()).orElse("(none: the world has no compartments)")
                + ". Point a function at it with"
                + " CMK_GUARD_OCI_ENDPOINT=<base URL> CMK_GUARD_AUTH=config_file OCI_CONFIG_FILE=<path below>");
        EmulatorMain.main(arguments.forwarded().toArray(String[]::new)); // returns only when the JVM is stopping
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
