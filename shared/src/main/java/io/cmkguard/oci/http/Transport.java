package io.cmkguard.oci.http;

import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.Method;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One HTTP/1.1 exchange over {@link HttpURLConnection}: the JDK keeps connections alive and reuses
 * them, applies the system proxy settings and verifies TLS host names. A request body is sent with a
 * fixed length, which also stops the JDK from silently re-sending a write on a stale connection.
 */
final class Transport {
    /** The largest answer read: OCI answers are small JSON pages; a function has 128-256 MB in all. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;
    /** Set by the JDK itself from the URI and the body; a second value would be refused or sent twice. */
    private static final Set<String> JDK_HEADERS = Set.of("host", "content-length", "connection");

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final Consumer<HttpResponse> listener;

    Transport(Duration connectTimeout, Duration readTimeout, Consumer<HttpResponse> listener) {
        this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis());
        this.listener = listener;
    }

    HttpResponse send(Method method, URI uri, Map<String, List<String>> headers, Object body) {
        if (method == Method.PATCH) {
            // HttpURLConnection has no PATCH; no call cmk-guard makes uses it
            throw new UnsupportedOperationException("cmk-guard's HTTP layer does not send PATCH requests (" + uri + ")");
        }
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod(method.name());
            for (Map.Entry<String, List<String>> header : headers.entrySet()) {
                if (!JDK_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                    for (String value : header.getValue()) {
                        connection.addRequestProperty(header.getKey(), value);
                    }
                }
            }
            long declared = declaredLength(headers);
            if ((method == Method.POST || method == Method.PUT) && body instanceof InputStream stream && declared >= 0) {
                // a stream of declared length (an object's content) goes out as it is read: no copy of it is held
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(declared);
                try (OutputStream out = connection.getOutputStream()) {
                    if (stream.transferTo(out) != declared) {
                        throw new IOException("the request body is not the " + declared + " bytes it declared");
                    }
                }
            } else if (method == Method.POST || method == Method.PUT) {
                // a POST without a body (an action: ReencryptBucket) still sends Content-Length: 0, which it signed
                byte[] payload = payload(body);
                payload = payload == null ? new byte[0] : payload;
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(payload.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(payload);
                }
            }
            int status = connection.getResponseCode();
            BufferedResponse response = new BufferedResponse(status, headersOf(connection), answer(connection, status));
            listener.accept(response);
            return response;
        } catch (IOException e) {
            if (connection != null) {
                connection.disconnect(); // a connection that failed mid-exchange is not reused
            }
            throw new HttpTransportException(method + " " + uri.getHost() + uri.getRawPath() + ": " + describe(e), e);
        }
    }

    /** The Content-Length the SDK set for a streamed body, or -1. */
    private static long declaredLength(Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase("content-length") && !header.getValue().isEmpty()) {
                try {
                    return Long.parseLong(header.getValue().get(0).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static byte[] payload(Object body) throws IOException {
        if (body == null) {
            return null;
        }
        if (body instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof InputStream stream) {
            return readBounded(stream, "request body");
        }
        throw new IllegalArgumentException("unsupported request body " + body.getClass().getName());
    }

    private static Map<String, List<String>> headersOf(HttpURLConnection connection) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) { // the status line
                headers.put(name, List.copyOf(values));
            }
        });
        return headers;
    }

    /** The whole answer; an error answer's body comes from the error stream. */
    private static byte[] answer(HttpURLConnection connection, int status) throws IOException {
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return readBounded(in, "answer");
        }
    }

    private static byte[] readBounded(InputStream in, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (out.size() + n > MAX_ANSWER_BYTES) {
                throw new IOException("the " + what + " is larger than " + (MAX_ANSWER_BYTES >> 20) + " MB");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
