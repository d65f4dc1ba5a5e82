package io.cmkguard.launcher;

/** The command line is wrong (exit status 2): the message says what to change, in one line. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
