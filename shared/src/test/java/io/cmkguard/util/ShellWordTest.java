package io.cmkguard.util;

import io.cmkguard.Hostile;
import io.cmkguard.OciCli;
import io.cmkguard.ShellPaste;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 18: any value is one shell word, whatever it holds, in every shell of the machine. */
class ShellWordTest {
    @Test
    void plainWordsStayBareEverythingElseIsSingleQuoted() {
        assertEquals("ocid1.volume.oc1.iad.abc-123_x", ShellWord.quote("ocid1.volume.oc1.iad.abc-123_x"));
        assertEquals("https://v-management.kms.us-ashburn-1.oraclecloud.com",
                ShellWord.quote("https://v-management.kms.us-ashburn-1.oraclecloud.com"));
        assertEquals("''", ShellWord.quote(""));
        assertEquals("'r'\\'' $(touch FILE) '\\'''", ShellWord.quote("r' $(touch FILE) '"));
        assertEquals("'<vault OCID>'", ShellWord.quote("<vault OCID>"));
        assertEquals("'=ls'", ShellWord.quote("=ls"), "zsh expands =word");
        assertEquals("'~'", ShellWord.quote("~"));
    }

    @Test
    void everyHostileValueReachesTheProgramAsExactlyOneArgumentInEveryShell() {
        for (String shell : ShellPaste.shells()) {
            for (String value : Hostile.VALUES) {
                CliCommand command = CliCommand.oci("kms", "management", "key", "enable").option("--key-id", value)
                        .then(CliCommand.oci("bv", "volume", "update").option("--display-name", value).flag("--force"));
                List<List<String>> seen = ShellPaste.run(shell, command.render());
                assertEquals(command.argv(), seen, shell + " pasting " + command.render());
                assertEquals(command.argv().get(0), OciCli.words(command.render()).stream()
                        .takeWhile(w -> !w.operator()).map(OciCli.Word::text).toList(), "the test's own splitter agrees");
            }
        }
    }
}
