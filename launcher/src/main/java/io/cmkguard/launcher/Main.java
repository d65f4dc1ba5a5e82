package io.cmkguard.launcher;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/** bin/cmk-guard: dispatches to demo, invoke or emulator. Exit 0 done, 1 internal failure, 2 usage error. */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        // the SDK's HTTP clients may leave non-daemon threads behind: end the run explicitly
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(Usage.TEXT);
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "--help", "-h", "help" -> {
                    out.print(Usage.TEXT);
                    yield OK;
                }
                case "demo" -> new DemoCommand(out, err).run(DemoCommand.Arguments.parse(rest));
                case "invoke" -> new InvokeCommand(out, err).run(InvokeCommand.Arguments.parse(rest));
                case "emulator" -> EmulatorCommand.run(EmulatorCommand.parse(rest), err);
                case "sweep" -> new SweepCommand(out, err).run(SweepCommand.Arguments.parse(rest));
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("cmk-guard: " + e.getMessage());
            err.println("Run 'cmk-guard --help' for usage.");
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (RuntimeException e) {
            err.println("cmk-guard: internal failure: " + e.getMessage());
            if (!(e instanceof UncheckedIOException)) {
                e.printStackTrace(err);
            }
            return FAILED;
        }
    }
}
