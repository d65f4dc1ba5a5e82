package io.cmkguard.event;

import io.cmkguard.util.Echo;

/**
 * What an invocation body may hold before anything is called or echoed. Real OCI events are a few
 * kilobytes with short ids; anything far beyond is not an event, and must not become a huge URL,
 * log line or notification.
 */
public final class EventLimits {
    /** An OCI event is a few KB; OCI Events caps payloads well below this. */
    public static final int MAX_BODY_CHARS = 256 * 1024;
    public static final int MAX_EVENT_TYPE_CHARS = 256;
    /** OCI event ids are UUIDs (36 characters). */
    public static final int MAX_EVENT_ID_CHARS = 128;
    /** Names, times and other fields echoed into results, logs and notifications. */
    public static final int MAX_ECHOED_CHARS = Echo.DEFAULT_MAX_CHARS;
    public static final int MAX_TAGS = 64;
    /** additionalDetails nests a few levels; nothing real comes near this. */
    public static final int MAX_NESTING = 64;
    public static final int MAX_NUMBER_DIGITS = 64;
    public static final int MAX_FIELD_NAME_CHARS = 256;

    private EventLimits() {
    }
}
