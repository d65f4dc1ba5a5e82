package io.cmkguard;

import java.util.List;

/** Values an attacker may put in a resource name or an event field, for the tests of what people paste and read. */
public final class Hostile {
    public static final List<String> VALUES = List.of(
            "r' $(touch FILE) '",
            "; touch X",
            "`touch Y`",
            "a\nb $(touch Z)\n",
            "$HOME ${HOME} ~ ~/x",
            "\"double\" 'single' \\back\\slash\\",
            "\u540d\u524d \u202Eevil\u202C \u00e9 \uD83D\uDD11",
            "&& touch W #",
            "\u001b[2J\u001b]0;title\u0007 \u009b31m",
            "'", "''", "\\'", "*", "!!", "' || touch V '", "x\r\n; touch U", "=cmd", "-", "");

    private Hostile() {
    }
}
