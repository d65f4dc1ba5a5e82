package io.cmkguard.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mistakes on the command line exit 2 with a message that says what to change; --help exits 0. */
class UsageTest {

    @Test
    void helpListsTheCommands() {
        Cli cli = Cli.run("--help");
        assertEquals(0, cli.status);
        for (String text : new String[]{"cmk-guard demo", "cmk-guard invoke --world WORLD.json", "--config KEY=VALUE",
                "--state-out FILE", "cmk-guard emulator", "--port N", "--log FILE", "cmk-guard rules plan|apply|check",
                "cmk-guard policies --compartment OCID"}) {
            assertTrue(cli.out.contains(text), "usage lacks " + text);
        }
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
            "demo --bogus",
            "demo --samples /no/such/dir",
            "emulator --port abc",
            "emulator --port 70000",
            "emulator --world /no/such/world.json",
    })
    void usageErrorsExit2WithAMessage(String line) {
        String[] args = line.replace("WORLD", Cli.demoWorld())
                .replace("EVENT", Cli.sample("blockvolumes.createvolume.end--compliant.json"))
                .split(" ");
        Cli cli = Cli.run(args);
        assertEquals(2, cli.status, cli.toString());
        assertTrue(cli.err.startsWith("cmk-guard: "), cli.err);
        assertTrue(cli.err.contains("cmk-guard --help"), cli.err);
        assertEquals("", cli.out, "nothing on stdout for a usage error");
    }

    @Test
    void aWorldThatIsNotAWorldIsAUsageError() {
        Cli cli = Cli.run("invoke", "--world", Cli.sample("blockvolumes.createvolume.end--compliant.json"),
                Cli.sample("blockvolumes.createvolume.end--compliant.json"));
        assertEquals(2, cli.status, cli.toString());
        assertTrue(cli.err.contains("unknown world key"), cli.err);
    }
}
