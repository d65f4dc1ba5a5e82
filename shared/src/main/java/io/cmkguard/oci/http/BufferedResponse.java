package io.cmkguard.oci.http;

import com.oracle.bmc.http.client.HttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** An answer read whole: status, headers (names case-insensitive, as HTTP's are) and body bytes. */
final class BufferedResponse implements HttpResponse {
    private final int status;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    BufferedResponse(int status, Map<String, List<String>> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public CompletionStage<InputStream> streamBody() {
        return CompletableFuture.completedFuture(new ByteArrayInputStream(body));
    }

    @Override
    public <T> CompletionStage<T> body(Class<T> type) {
        try {
            return CompletableFuture.completedFuture(SdkJson.INSTANCE.readValue(body, type));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(unreadable(type, e));
        }
    }

    @Override
    public <T> CompletionStage<List<T>> listBody(Class<T> type) {
        try {
            return CompletableFuture.completedFuture(SdkJson.INSTANCE.readList(body, type));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(unreadable(type, e));
        }
    }

    @Override
    public CompletionStage<String> textBody() {
        return CompletableFuture.completedFuture(new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // the connection went back to the keep-alive cache when the body was read
    }

    private HttpTransportException unreadable(Class<?> type, Exception e) {
        return HttpTransportException.unreadableAnswer(status, "HTTP " + status + ": the answer is not a "
                + type.getSimpleName() + " (" + e.getClass().getSimpleName() + ")", e);
    }
}
