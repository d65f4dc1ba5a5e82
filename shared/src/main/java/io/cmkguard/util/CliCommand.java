package io.cmkguard.util;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A command cmk-guard prints for people to run: its words and option values are data, rendered one
 * shell word each by {@link ShellWord}; nothing is ever concatenated into shell text. Commands may be
 * chained with {@code &&} (run the next only if the previous succeeded).
 */
public final class CliCommand {
    private final List<List<String>> commands;

    private CliCommand(List<List<String>> commands) {
        this.commands = commands.stream().map(List::copyOf).toList();
    }

    /** {@code oci} followed by its command group and subcommand words, e.g. {@code oci("bv", "volume", "update")}. */
    public static CliCommand oci(String... words) {
        return of("oci", words);
    }

    /** A program followed by its subcommand words, e.g. {@code of("bin/cmk-guard", "sweep")}. */
    public static CliCommand of(String program, String... words) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(List.of(words));
        return new CliCommand(List.of(argv));
    }

    /** The same command with {@code --name value} appended (to its last command when chained). */
    public CliCommand option(String name, String value) {
        return with(name, value);
    }

    /** The same command with a value-less flag appended, e.g. {@code --force}. */
    public CliCommand flag(String name) {
        return with(name);
    }

    /**
     * The same command with an option whose value the reader must fill in: printed as {@code '<what>'},
     * which, pasted unchanged, is one word the CLI refuses rather than a shell redirection.
     */
    public CliCommand placeholder(String name, String what) {
        return with(name, "<" + what + ">");
    }

    /** This command, then the next one if this one succeeded. */
    public CliCommand then(CliCommand next) {
        List<List<String>> all = new ArrayList<>(commands);
        all.addAll(next.commands);
        return new CliCommand(all);
    }

    /** The argument vectors the shell passes to each program: what a test compares with what {@code oci} received. */
    public List<List<String>> argv() {
        return commands;
    }

    /** The shell text to paste. */
    public String render() {
        return commands.stream()
                .map(argv -> argv.stream().map(ShellWord::quote).collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" && "));
    }

    @Override
    public String toString() {
        return render();
    }

    private CliCommand with(String... words) {
        List<List<String>> all = new ArrayList<>(commands);
        List<String> last = new ArrayList<>(all.remove(all.size() - 1));
        last.addAll(List.of(words));
        all.add(last);
        return new CliCommand(all);
    }
}
