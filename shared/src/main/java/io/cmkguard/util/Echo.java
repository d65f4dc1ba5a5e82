package io.cmkguard.util;

/**
 * Text taken from outside (an invocation body, a config value, an OCI answer) and repeated in results,
 * logs and notifications: bounded in length and on one line, so a hostile field cannot push the verdict out of a message or forge its lines, and
 * always valid UTF-8.
 */
public final class Echo {
    private Echo() {
    }

    public static String bounded(String value, int maxChars) {
        if (value == null) {
            return "";
        }
        String oneLine = value.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                        || Character.getType(c) == Character.PARAGRAPH_SEPARATOR ? ' ' : c)
                // a lone surrogate (JSON allows "\ud800") cannot be written as UTF-8: the answer would break
                .map(c -> Character.getType(c) == Character.SURROGATE ? '\uFFFD' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        if (oneLine.length() <= maxChars) {
            return oneLine;
        }
        int cut = maxChars;
        if (Character.isHighSurrogate(oneLine.charAt(cut - 1))) {
            cut--; // never split a character in two
        }
        return oneLine.substring(0, cut) + "…(" + oneLine.length() + " characters)";
    }

    /** Names, times and other fields echoed from an event. */
    public static final int DEFAULT_MAX_CHARS = 256;

    public static String bounded(String value) {
        return bounded(value, DEFAULT_MAX_CHARS);
    }
}
