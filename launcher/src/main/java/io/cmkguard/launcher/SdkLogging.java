package io.cmkguard.launcher;

import java.util.List;

/**
 * Keeps the OCI SDK's warnings about itself off the user's terminal unless --verbose: the clients of the
 * Events, Logging Search and File Storage APIs stop at 3.47.0 on Maven Central and run beside common 3.55.1
 * (checked working), so each one warns "The client is too old" through its own logger when it is built;
 * nothing a user can change. Only those loggers are raised to ERROR, before SLF4J's simple logger reads its
 * settings.
 * (The DatabaseClient's Apache Connector warning is fixed at its cause, in OciClients.)
 */
final class SdkLogging {
    static final List<String> PINNED_CLIENTS = List.of("com.oracle.bmc.events.EventsClient",
            "com.oracle.bmc.loggingsearch.LogSearchClient", "com.oracle.bmc.filestorage.FileStorageClient");

    private SdkLogging() {
    }

    static void configure(boolean verbose) {
        if (verbose) {
            return;
        }
        for (String logger : PINNED_CLIENTS) {
            String property = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, "error");
            }
        }
    }
}
