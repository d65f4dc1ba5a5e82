package io.cmkguard.launcher;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * bin/cmk-guard: dispatches to demo, invoke, emulator, sweep, rules, policies, stack or logs.
 * Exit 0 done, 1 failure (or findings, for sweep and rules check), 2 usage error.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int status = run(args, System.in, System.out, System.err);
        System.out.flush();
        // the SDK's HTTP clients may leave non-daemon threads behind: end the run explicitly
        System.exit(status);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, InputStream.nullInputStream(), out, err);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(Usage.TEXT);
            return USAGE;
        }
        String command = args[0];
        if (List.of("--help", "-h", "help").contains(command)) {
            out.print(Usage.TEXT);
            return OK;
        }
        if (!Usage.knows(command)) {
            err.println("cmk-guard: unknown command '" + command + "' (see 'cmk-guard --help')");
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        String helpTopic = command.equals("rules") && !rest.isEmpty() && Usage.knows("rules " + rest.get(0))
                ? "rules " + rest.get(0) : command;
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(Usage.of(helpTopic).orElseThrow());
            return OK;
        }
        SdkLogging.configure(rest.contains("--verbose"));
        try {
            return switch (command) {
                case "demo" -> new DemoCommand(out, err).run(DemoCommand.Arguments.parse(rest));
                case "invoke" -> new InvokeCommand(in, out, err).run(InvokeCommand.Arguments.parse(rest));
                case "emulator" -> EmulatorCommand.run(EmulatorCommand.parse(rest), err);
                case "sweep" -> new SweepCommand(out, err).run(SweepCommand.Arguments.parse(rest));
                case "rules" -> new RulesCommand(out, err).run(RulesCommand.Arguments.parse(rest));
                case "policies" -> PoliciesCommand.run(PoliciesCommand.parse(rest), out);
                case "stack" -> StackCommand.run(StackCommand.parse(rest), out);
                case "logs" -> new LogsCommand(out, err).run(LogsCommand.Arguments.parse(rest));
                default -> throw new IllegalStateException("no command " + command);
            };
        } catch (UsageException e) {
            err.println("cmk-guard " + helpTopic + ": " + e.getMessage() + " (see 'cmk-guard " + helpTopic + " --help')");
            return USAGE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        } catch (RuntimeException e) {
            err.println("cmk-guard " + command + ": internal failure: " + e.getMessage());
            if (!(e instanceof UncheckedIOException)) {
                e.printStackTrace(err);
            }
            return FAILED;
        }
    }
}
