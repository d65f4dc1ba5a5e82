package io.cmkguard.emulator.fn;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Plays the Fn server's side of the http-stream contract: {@code POST /call} with {@code Fn-Call-Id}
 * and {@code Fn-Deadline} over the function's unix socket, on one kept-alive connection as the Fn
 * server does (reconnecting when the function closed it). Java 17's own unix-domain channels: no JNI.
 */
public final class FnSocketClient implements AutoCloseable {
    private final Path socket;
    private SocketChannel channel;
    private InputStream in;
    private int calls;

    public FnSocketClient(Path socket) {
        this.socket = socket;
    }

    /** One call with a deadline {@code deadline} (may be in the past: the FDK is then asked anyway). */
    public FnAnswer call(byte[] body, Instant deadline) {
        return call(body, Map.of("Fn-Call-Id", "call-" + (++calls), "Fn-Deadline", deadline.toString(),
                "Content-Type", "application/json"));
    }

    public FnAnswer call(String body, Instant deadline) {
        return call(body.getBytes(StandardCharsets.UTF_8), deadline);
    }

    /** One call with exactly these headers (a test may leave a mandatory one out). */
    public synchronized FnAnswer call(byte[] body, Map<String, String> headers) {
        StringBuilder request = new StringBuilder("POST /call HTTP/1.1\r\nHost: localhost\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = request.toString().getBytes(StandardCharsets.UTF_8);
        try {
            connect();
            ByteBuffer out = ByteBuffer.allocate(head.length + body.length).put(head).put(body).flip();
            while (out.hasRemaining()) {
                channel.write(out);
            }
            return readAnswer();
        } catch (IOException e) {
            disconnect();
            throw new UncheckedIOException("POST /call over " + socket + " failed", e);
        }
    }

    private void connect() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            in = new BufferedInputStream(Channels.newInputStream(channel));
        }
    }

    private FnAnswer readAnswer() throws IOException {
        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked();
        } else {
            body = in.readAllBytes(); // no length: the body runs to the end of the connection
            disconnect();
        }
        if ("close".equalsIgnoreCase(headers.get("connection"))) {
            disconnect();
        }
        return new FnAnswer(status, Map.copyOf(headers), body);
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        while (!line().isEmpty()) {
            // trailers: none expected
        }
        return body.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the function closed the connection mid-answer");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private void disconnect() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // already gone
        }
        channel = null;
    }

    @Override
    public void close() {
        disconnect();
    }
}
