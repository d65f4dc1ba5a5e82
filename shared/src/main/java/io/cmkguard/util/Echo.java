package io.cmkguard.util;

/**
 * The one sanitiser for text taken from outside (a resource's name, an event's fields, an invocation
 * body, a config value, an OCI answer) and shown to people in results, logs, notifications and the
 * laptop's tables: on one line, without control characters, terminal escape sequences or bidi
 * overrides, and bounded in length. So a hostile name can neither forge lines or rows, nor restyle,
 * clear or retitle a terminal, nor reorder what is read, nor push the verdict out of a message; and the
 * text is always valid UTF-8. Valid OCIDs pass unchanged.
 */
public final class Echo {
    /** Names, times and other fields: what the README promises. */
    public static final int DEFAULT_MAX_CHARS = 256;

    private static final char ESC = '\u001b';
    private static final char BEL = '\u0007';
    private static final char C1_CSI = '\u009b';
    private static final char C1_ST = '\u009c';

    private Echo() {
    }

    /** A name or field, cut to 256 characters. */
    public static String bounded(String value) {
        return bounded(value, DEFAULT_MAX_CHARS);
    }

    /** Clean text cut to at most maxChars characters, the last being an ellipsis when it was cut. */
    public static String bounded(String value, int maxChars) {
        String line = line(value);
        if (line.length() <= maxChars) {
            return line;
        }
        int cut = maxChars - 1;
        if (cut > 0 && Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--; // never split a character in two
        }
        return line.substring(0, cut) + "…";
    }

    /**
     * Clean text of any length (a reason, a command): line breaks and tabs become spaces; escape
     * sequences (CSI, OSC and other string sequences, two-character escapes, their C1 forms), every other
     * C0 and C1 control character and the bidi controls (U+202A-202E, U+2066-2069, U+200E, U+200F,
     * U+061C) are removed; a lone surrogate becomes U+FFFD.
     */
    public static String line(String value) {
        if (value == null) {
            return "";
        }
        if (isClean(value)) {
            return value; // the common case: nothing to copy
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == ESC) {
                i = afterEscape(value, i + 1);
            } else if (c == C1_CSI) {
                i = afterControlSequence(value, i + 1);
            } else if (c == '\u0090' || c == '\u0098' || c == '\u009d' || c == '\u009e' || c == '\u009f') {
                i = afterString(value, i + 1); // DCS, SOS, OSC, PM, APC
            } else {
                if (isBreak(c)) {
                    out.append(' ');
                } else if (Character.isSurrogate(c)) {
                    boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1));
                    if (pair) {
                        out.append(c).append(value.charAt(++i));
                    } else {
                        out.append('\uFFFD'); // JSON allows "\ud800"; UTF-8 cannot carry it
                    }
                } else if (!Character.isISOControl(c) && !isBidiControl(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isClean(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || isBreak(c) || isBidiControl(c) || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\t' || c == '\u000b' || c == '\u000c' || c == '\u0085'
                || c == '\u2028' || c == '\u2029';
    }

    private static boolean isBidiControl(char c) {
        return c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u200e' || c == '\u200f'
                || c == '\u061c';
    }

    /** Where the text resumes after ESC: past a CSI, a string sequence, or a two-character escape. */
    private static int afterEscape(String s, int i) {
        if (i >= s.length()) {
            return i;
        }
        char c = s.charAt(i);
        if (c == '[') {
            return afterControlSequence(s, i + 1);
        }
        if (c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_') {
            return afterString(s, i + 1);
        }
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2f) {
            i++; // intermediate bytes, e.g. ESC ( B
        }
        return i < s.length() && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x7e ? i + 1 : i;
    }

    /** Past a CSI's parameter and intermediate bytes and its final byte. */
    private static int afterControlSequence(String s, int i) {
        while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x3f) {
            i++;
        }
        return i < s.length() && s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7e ? i + 1 : i;
    }

    /** Past an OSC, DCS... string up to its terminator (BEL, ST or ESC \); an unterminated one runs to the end. */
    private static int afterString(String s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == BEL || c == C1_ST) {
                return i + 1;
            }
            if (c == ESC && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                return i + 2;
            }
            i++;
        }
        return i;
    }
}
