package io.cmkguard.launcher;

/**
 * Keeps the OCI SDK's warnings about itself off the user's terminal unless --verbose: today only the
 * compatibility checker's "The client is too old" for the Events and Logging Search clients, which stop at
 * 3.47.0 on Maven Central beside common 3.55.1 (checked working; nothing a user can change). Set before
 * SLF4J's simple logger reads its configuration, on the first logger made.
 */
final class SdkLogging {
    static final String COMPATIBILITY_CHECKER = "com.oracle.bmc.util.internal.ClientCompatibilityChecker";

    private SdkLogging() {
    }

    static void configure(boolean verbose) {
        String property = "org.slf4j.simpleLogger.log." + COMPATIBILITY_CHECKER;
        if (!verbose && System.getProperty(property) == null) {
            System.setProperty(property, "error");
        }
    }
}
