package io.cmkguard.emulator;

import java.util.ArrayList;
import java.util.List;

/** Every request the emulator answered, in order. Thread-safe. */
final class RequestLog {
    private final List<RecordedRequest> requests = new ArrayList<>();

    synchronized void add(RecordedRequest request) {
        requests.add(request);
    }

    synchronized List<RecordedRequest> snapshot() {
        return List.copyOf(requests);
    }
}
