package io.cmkguard.emulator.fn;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** What the function's FDK answered to one {@code POST /call}: status, headers (lower-case names), body. */
public record FnAnswer(int status, Map<String, String> headers, byte[] body) {
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
