package io.cmkguard.oci.http;

import com.oracle.bmc.auth.SimpleAuthenticationDetailsProvider;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.cmkguard.emulator.SigningKeys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP layer's tests against local HttpServers (plain or TLS): what such a server received, how it
 * answers what a test scripted, and checking a received request's OCI signature as OCI would.
 */
final class LocalServerExchanges {
    private LocalServerExchanges() {
    }

    /**
     * One request as a server received it: the target exactly as sent, headers by any-case name, the client's
     * port (the same one for a kept-alive connection) and the TLS protocol it came over ("none" over plain HTTP).
     */
    record Received(String method, String target, Map<String, List<String>> headers, byte[] body,
                    int remotePort, String tlsProtocol) {
        static Received of(HttpExchange exchange) throws IOException {
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            String query = exchange.getRequestURI().getRawQuery();
            String protocol = exchange instanceof HttpsExchange https ? https.getSSLSession().getProtocol() : "none";
            return new Received(exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query), headers,
                    exchange.getRequestBody().readAllBytes(), exchange.getRemoteAddress().getPort(), protocol);
        }

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange) throws IOException;
    }

    /**
     * Records each request into {@code received} and answers it with the next of {@code answers}; a request
     * the test did not script gets a 599, which no SDK call mistakes for a real answer.
     */
    static HttpHandler recordingAndAnswering(List<Received> received, Queue<Answer> answers) {
        return exchange -> {
            try {
                received.add(Received.of(exchange));
                Answer answer = answers.poll();
                if (answer == null) {
                    answer = text(599, "the test scripted no answer for this request");
                }
                answer.send(exchange);
            } finally {
                exchange.close();
            }
        };
    }

    static Answer json(int status, String body, String... headerPairs) {
        return answer(status, "application/json", body, headerPairs);
    }

    static Answer text(int status, String body, String... headerPairs) {
        return answer(status, "text/plain", body, headerPairs);
    }

    private static Answer answer(int status, String contentType, String body, String... headerPairs) {
        return exchange -> {
            exchange.getResponseHeaders().set("content-type", contentType);
            for (int i = 0; i < headerPairs.length; i += 2) {
                exchange.getResponseHeaders().add(headerPairs[i], headerPairs[i + 1]);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            // -1 is HttpServer's "no body"; 0 would mean a chunked body of unknown length
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    static Map<String, String> signatureParameters(String authorization) {
        Map<String, String> parameters = new HashMap<>();
        Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(authorization);
        while (m.find()) {
            parameters.put(m.group(1), m.group(2));
        }
        return parameters;
    }

    /** Rebuilds the signing string from what arrived and checks it against the signer's public key, as OCI would. */
    static void assertSignatureVerifies(Received r, List<String> mustBeSigned, PublicKey key) throws Exception {
        Map<String, String> parameters = signatureParameters(r.header("authorization"));
        assertEquals("rsa-sha256", parameters.get("algorithm"));
        List<String> signed = List.of(parameters.get("headers").trim().split("\\s+"));
        assertTrue(signed.containsAll(mustBeSigned), "signed " + signed + ", expected at least " + mustBeSigned);
        List<String> lines = new ArrayList<>();
        for (String header : signed) {
            String value = header.equals("(request-target)")
                    ? r.method().toLowerCase() + " " + r.target()
                    : r.header(header);
            assertNotNull(value, "the signed header " + header + " was sent");
            lines.add(header + ": " + value);
        }
        // checked first: a blank signature would otherwise fail as a bad signature length, not as missing
        assertFalse(parameters.get("signature").isBlank(), "a signature was sent");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        assertTrue(verifier.verify(Base64.getDecoder().decode(parameters.get("signature"))),
                "the signature verifies over what was received:\n" + String.join("\n", lines));
    }

    /** The SDK's own auth provider for a throwaway key, as a user's config file would give it. */
    static SimpleAuthenticationDetailsProvider signingWith(SigningKeys keys) {
        return SimpleAuthenticationDetailsProvider.builder()
                .tenantId(SigningKeys.TENANCY)
                .userId(SigningKeys.USER)
                .fingerprint(keys.fingerprint())
                .privateKeySupplier(() -> new ByteArrayInputStream(keys.privateKeyPem().getBytes(StandardCharsets.US_ASCII)))
                .build();
    }

    /**
     * A request body arrived exactly as the SDK signed it: the digest and length headers are those of the
     * bytes received, and the signature covers them.
     */
    static void assertBodyArrivedAsSigned(Received r, PublicKey key) throws Exception {
        assertEquals(base64Sha256(r.body()), r.header("x-content-sha256"));
        assertEquals(Integer.toString(r.body().length), r.header("content-length"));
        assertSignatureVerifies(r, List.of("date", "(request-target)", "host",
                "content-length", "content-type", "x-content-sha256"), key);
    }

    /** A volume's UpdateVolumeKmsKey arrived as a signed JSON PUT with a fixed length and its If-Match. */
    static void assertKmsKeyPut(Received put, String volumeId, String body, String ifMatch, PublicKey key)
            throws Exception {
        assertEquals("PUT", put.method());
        assertEquals("/20160918/volumes/" + volumeId + "/kmsKey", put.target());
        assertEquals(body, put.bodyText());
        assertEquals("application/json", put.header("content-type"));
        assertEquals(ifMatch, put.header("if-match"));
        assertNull(put.header("transfer-encoding"), "a body is sent with a fixed length");
        assertBodyArrivedAsSigned(put, key);
    }

    static String base64Sha256(byte[] body) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
    }

    /** The first throwable of {@code type} in t's cause chain, t included; null if there is none. */
    static <T extends Throwable> T cause(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** t's cause chain on one line, for a failure message. */
    static String chain(Throwable t) {
        StringBuilder s = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            s.append(s.length() == 0 ? "" : " <- ").append(c);
        }
        return s.toString();
    }
}
