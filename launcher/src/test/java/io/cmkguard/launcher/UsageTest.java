package io.cmkguard.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --help on every command and subcommand (exit 0, an example); every mistake on the command line is one line
 * on stderr in the same words whatever the command, exit 2, and nothing done.
 */
class UsageTest {
    private static final List<String> TOPICS = List.of("demo", "invoke", "emulator", "sweep", "rules", "rules plan",
            "rules apply", "rules check", "policies", "stack", "logs");

    @Test
    void helpListsTheCommands() {
        Cli cli = Cli.run("--help");
        assertEquals(0, cli.status);
        for (String text : new String[]{"cmk-guard demo", "cmk-guard invoke [--world demo|WORLD.json]",
                "--config KEY=VALUE", "--state-out FILE", "cmk-guard emulator", "--port N", "--log FILE",
                "cmk-guard rules plan|apply|check", "cmk-guard policies --compartment OCID", "cmk-guard sweep",
                "cmk-guard stack --output FILE.zip", "cmk-guard logs", "--verbose", "COMMAND --help"}) {
            assertTrue(cli.out.contains(text), "usage lacks " + text);
        }
    }

    /** Each command's help: its usage line first, an example that is a real command line, exit 0. */
    @Test
    void everyCommandAndSubcommandHasHelpWithAnExample() {
        for (String topic : TOPICS) {
            for (String flag : new String[] {"--help", "-h"}) {
                List<String> args = new java.util.ArrayList<>(List.of(topic.split(" ")));
                args.add(flag);
                Cli cli = Cli.run(args.toArray(String[]::new));
                assertEquals(0, cli.status, topic + " " + flag + ": " + cli);
                assertEquals("", cli.err, topic + " " + flag);
                String usage = topic.startsWith("rules") ? "Usage: cmk-guard rules plan|apply|check" : "Usage: cmk-guard " + topic;
                assertTrue(cli.out.startsWith(usage), topic + ":\n" + cli.out);
                assertTrue(cli.out.contains("Example"), topic + " has no example:\n" + cli.out);
                String example = cli.out.substring(cli.out.indexOf("Example"));
                String command = topic.startsWith("rules ") ? topic : topic.split(" ")[0];
                assertTrue(example.contains("bin/cmk-guard " + command), topic + ": the example runs the command\n" + example);
            }
        }
    }

    @Test
    void helpWinsOverOtherArguments() {
        Cli cli = Cli.run("sweep", "--compartment", "not-an-ocid", "--help");
        assertEquals(0, cli.status, cli.toString());
        assertTrue(cli.out.startsWith("Usage: cmk-guard sweep"), cli.out);
    }

    @Test
    void noArgumentsPrintsUsageAndExits2() {
        Cli cli = Cli.run();
        assertEquals(2, cli.status);
        assertTrue(cli.err.contains("Usage:"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "fix",
            "invoke",
            "invoke --world",
            "invoke --world /no/such/world.json EVENT",
            "invoke --world WORLD",
            "invoke --world WORLD --config NOEQUALS EVENT",
            "invoke --world WORLD --frobnicate EVENT",
            "invoke --world WORLD /no/such/event.json",
            "invoke - -",
            "demo --bogus",
            "demo --samples /no/such/dir",
            "demo --verbose --log x.log",
            "demo --log /no/such/dir/demo.log",
            "invoke --state-out /no/such/dir/after.json EVENT",
            "sweep --world demo --log /no/such/dir/sweep.log",
            "emulator --port abc",
            "emulator --port 70000",
            "emulator --world /no/such/world.json",
            "sweep --compartment not-an-ocid",
            "sweep --world demo --output xml",
            "sweep --world demo --all",
            "sweep --world demo --all --output html",
            "sweep --world demo --mode fix",
            "sweep --world demo --types block-volume,no-such-type",
            "sweep --world demo --max-remediations -1",
            "sweep --world demo --function-id ocid1.compartment.oc1..x",
            "sweep --world demo --region moon-base-1x",
            "sweep --world demo --profile DEFAULT",
            "sweep --compartment ocid1.tenancy.oc1..x --config-file /no/such/config",
            "rules",
            "rules fix",
            "rules plan --compartment ocid1.tenancy.oc1..x",
            "rules check --world demo --function-id ocid1.fnfunc.oc1.iad.x --compartment nope",
            "policies --compartment ocid1.tenancy.oc1..x --mode fix",
            "stack",
            "stack --output stack.tar",
            "stack --output /no/such/dir/stack.zip",
            "logs --world demo --since forever",
            "logs --world demo --since 15d",
            "logs --world demo --verdict GREEN",
            "logs --world demo --output csv",
            "logs --world demo --log-id ocid1.log.oc1.iad.x",
            "logs --world demo --limit 0",
            "logs --compartment ocid1.volume.oc1.iad.x --world demo",
    })
    void usageErrorsAreOneLineAndExit2(String line) {
        String[] args = line.replace("WORLD", Cli.demoWorld())
                .replace("EVENT", Cli.sample("blockvolumes.createvolume.end--compliant.json"))
                .split(" ");
        Cli cli = Cli.run(args);
        assertEquals(2, cli.status, cli.toString());
        assertEquals("", cli.out, "nothing on stdout for a usage error: " + cli);
        assertEquals(1, cli.err.lines().count(), "one line: " + cli.err);
        String topic = args[0].equals("rules") && args.length > 1 && TOPICS.contains("rules " + args[1])
                ? "rules " + args[1] : args[0];
        if (TOPICS.contains(topic)) {
            assertTrue(cli.err.startsWith("cmk-guard " + topic + ": "), cli.err);
            assertTrue(cli.err.strip().endsWith("(see 'cmk-guard " + topic + " --help')"), cli.err);
        } else {
            assertTrue(cli.err.startsWith("cmk-guard: unknown command"), cli.err);
        }
    }

    /** The same mistake gets the same words in every command that takes the option. */
    @Test
    void theSameMistakeReadsTheSameEverywhere() {
        String sweep = Cli.run("sweep", "--world", "demo", "--mode", "fix").err;
        String policies = Cli.run("policies", "--compartment", "ocid1.tenancy.oc1..x", "--mode", "fix").err;
        String expected = "--mode must be audit, notify or remediate, not 'fix'";
        assertTrue(sweep.contains(": " + expected + " (see"), sweep);
        assertTrue(policies.contains(": " + expected + " (see"), policies);

        String rules = Cli.run("rules", "check", "--compartment", "nope", "--function-id", "ocid1.fnfunc.oc1.iad.x").err;
        String sweepCompartment = Cli.run("sweep", "--compartment", "nope").err;
        String logs = Cli.run("logs", "--compartment", "nope").err;
        for (String err : List.of(rules, sweepCompartment, logs)) {
            assertTrue(err.contains(": --compartment must be an OCID of a "), err);
            assertTrue(err.contains(", not 'nope' (see"), err);
        }
        assertTrue(Cli.run("sweep", "--world", "demo", "--frobnicate").err.contains(": unknown option --frobnicate (see"));
        assertTrue(Cli.run("stack", "--frobnicate").err.contains(": unknown option --frobnicate (see"));
    }

    @Test
    void aWorldThatIsNotAWorldIsAUsageError() {
        Cli cli = Cli.run("invoke", "--world", Cli.sample("blockvolumes.createvolume.end--compliant.json"),
                Cli.sample("blockvolumes.createvolume.end--compliant.json"));
        assertEquals(2, cli.status, cli.toString());
        assertTrue(cli.err.contains("unknown world key"), cli.err);
    }
}
