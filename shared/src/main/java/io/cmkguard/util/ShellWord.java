package io.cmkguard.util;

import java.util.regex.Pattern;

/**
 * Any value as exactly one POSIX shell word, so a command people paste runs with the values meant and
 * nothing else: a name holding quotes, {@code $(...)}, backticks, {@code ;} or a line break stays data.
 * Values made only of characters no shell (bash, dash, zsh) treats specially, OCIDs and endpoints for
 * instance, stay as they are for readability; everything else is single-quoted, each {@code '} written
 * as {@code '\''} (inside single quotes nothing else is special).
 */
public final class ShellWord {
    /** Letters, digits and . _ - : / @ % + , only: no quote, space, $, `, \, glob, ~, =, # or control. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:/@%+,-]+");

    private ShellWord() {
    }

    public static String quote(String value) {
        if (value == null || value.isEmpty()) {
            return "''";
        }
        if (PLAIN.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
