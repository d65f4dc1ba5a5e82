package io.cmkguard.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README cannot drift from the launcher: its quick-start commands run as written (in this JVM, as
 * bin/cmk-guard runs them once built; {@code mvn -B verify} is this very build), and every bin/cmk-guard
 * command line in any code block of the README or docs/ names a command and options that command's help lists.
 */
class ReadmeCommandsTest {
    private static final String QUICK_START = "## The two commands";
    private static final Pattern EXPECTED_EXIT = Pattern.compile("exit (\\d)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*");

    @Test
    void theQuickStartCommandsRunAsWritten() throws Exception {
        List<String> block = codeLines(section(readme(), QUICK_START));
        assertTrue(block.stream().anyMatch(l -> l.startsWith("mvn -B verify")), "the second command is the build");
        List<String> commands = block.stream().filter(l -> l.startsWith("bin/cmk-guard ")).toList();
        assertTrue(commands.stream().anyMatch(l -> l.startsWith("bin/cmk-guard demo ")), commands.toString());
        assertTrue(commands.size() >= 3, "the quick start shows more than the demo: " + commands);
        for (String line : commands) {
            int hash = line.indexOf(" #");
            String command = (hash < 0 ? line : line.substring(0, hash)).trim();
            String comment = hash < 0 ? "" : line.substring(hash);
            Matcher exit = EXPECTED_EXIT.matcher(comment);
            int expected = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
            List<String> args = new ArrayList<>();
            for (String token : command.substring("bin/cmk-guard ".length()).trim().split("\\s+")) {
                Path file = Cli.repo().resolve(token);
                args.add(!token.startsWith("-") && Files.exists(file) ? file.toString() : token);
            }
            Cli cli = Cli.run(args.toArray(String[]::new));
            assertEquals(expected, cli.status, line + "\n" + cli);
            assertFalse(cli.out.isBlank(), line + " printed nothing");
            cleanUpDemoLog(cli);
        }
    }

    @Test
    void everyDocumentedCommandLineUsesRealOptions() throws Exception {
        int checked = 0;
        for (String line : codeLines(readme() + "\n" + docs())) {
            int at = line.indexOf("bin/cmk-guard ");
            if (at < 0) {
                continue;
            }
            String[] words = line.substring(at + "bin/cmk-guard ".length()).trim().split("\\s+");
            String topic = words[0];
            if (topic.startsWith("-")) {
                continue; // bin/cmk-guard --help
            }
            if (topic.equals("rules") && words.length > 1) {
                topic = "rules " + words[1];
            }
            assertTrue(Usage.knows(topic), "the README names a command that does not exist: " + line);
            String help = Usage.of(topic).orElseThrow();
            int hash = line.indexOf(" #");
            Matcher option = OPTION.matcher(hash < 0 ? line : line.substring(0, hash));
            while (option.find()) {
                assertTrue(help.contains(option.group()), "'cmk-guard " + topic + "' has no option " + option.group()
                        + " (README: " + line + ")");
            }
            checked++;
        }
        assertTrue(checked >= 15, "the documented command lines were found: " + checked);
    }

    private static String readme() throws Exception {
        return Files.readString(Cli.repo().resolve("README.md"));
    }

    /** docs/*.md, where the README's detail lives. */
    private static String docs() throws Exception {
        Path dir = Cli.repo().resolve("docs");
        if (!Files.isDirectory(dir)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                text.append(Files.readString(file)).append('\n');
            }
        }
        return text.toString();
    }

    private static String section(String text, String heading) {
        int start = text.indexOf(heading);
        assertTrue(start >= 0, "no section " + heading);
        int end = text.indexOf("\n## ", start + heading.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    /** The lines of the fenced code blocks, with "\" continuations joined into one line. */
    private static List<String> codeLines(String text) {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String line : text.split("\n")) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock) {
                continue;
            }
            String trimmed = line.strip();
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            lines.add(pending + trimmed);
            pending.setLength(0);
        }
        return lines;
    }

    private static void cleanUpDemoLog(Cli cli) throws Exception {
        for (String line : cli.out.lines().toList()) {
            if (line.startsWith("The function's log: /")) {
                Files.deleteIfExists(Path.of(line.substring("The function's log: ".length(), line.length() - 1)));
            }
        }
    }
}
