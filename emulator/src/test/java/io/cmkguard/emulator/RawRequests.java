package io.cmkguard.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-signed requests with java.net.http, for the cases the SDK will not produce: tampered bodies, missing
 * signed headers, stale dates, ST$ key ids. Signs what java.net.http sends: host and content-length are set by
 * the client, so they are signed with the values it will send.
 */
final class RawRequests {
    /** What to sign and send; each test changes one thing. */
    static final class Signed {
        String method = "GET";
        String target;
        String body = "";
        String sentTarget;           // if set, sent instead of the signed target
        String sentBody;             // if set, sent instead of the signed body
        ZonedDateTime date = ZonedDateTime.now(ZoneOffset.UTC);
        List<String> headers;        // signed header names; default: what the OCI SDK signs
        String keyId;
        PrivateKey key;
        String authorization;        // if set, sent instead of a computed one
        final Map<String, String> extraHeaders = new LinkedHashMap<>();
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final OciEmulator emulator;

    RawRequests(OciEmulator emulator) {
        this.emulator = emulator;
    }

    Signed signed(String method, String target, String keyId, PrivateKey key) {
        Signed s = new Signed();
        s.method = method;
        s.target = target;
        s.keyId = keyId;
        s.key = key;
        boolean hasBody = method.equals("PUT") || method.equals("POST");
        s.headers = hasBody
                ? List.of("date", "(request-target)", "host", "content-length", "content-type", "x-content-sha256")
                : List.of("date", "(request-target)", "host");
        return s;
    }

    HttpResponse<String> send(Signed s) throws IOException, InterruptedException {
        String sentTarget = s.sentTarget == null ? s.target : s.sentTarget;
        String sentBody = s.sentBody == null ? s.body : s.sentBody;
        Map<String, String> values = new LinkedHashMap<>();
        values.put("date", DateTimeFormatter.RFC_1123_DATE_TIME.format(s.date));
        values.put("host", "127.0.0.1:" + emulator.port());
        values.put("content-length", Integer.toString(s.body.getBytes(StandardCharsets.UTF_8).length));
        values.put("content-type", "application/json");
        values.put("x-content-sha256", SignatureVerifier.base64Sha256(s.body.getBytes(StandardCharsets.UTF_8)));

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + sentTarget))
                .method(s.method, sentBody.isEmpty()
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(sentBody));
        for (String header : s.headers) {
            if (!List.of("(request-target)", "host", "content-length").contains(header)) {
                request.header(header, values.get(header));
            }
        }
        s.extraHeaders.forEach(request::header);
        String authorization = s.authorization != null ? s.authorization : authorization(s, values);
        if (authorization != null) {
            request.header("authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String authorization(Signed s, Map<String, String> values) {
        if (s.key == null) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        for (String header : s.headers) {
            lines.add(header + ": " + (header.equals("(request-target)")
                    ? s.method.toLowerCase() + " " + s.target
                    : values.get(header)));
        }
        return "Signature version=\"1\",headers=\"" + String.join(" ", s.headers) + "\",keyId=\"" + s.keyId
                + "\",algorithm=\"rsa-sha256\",signature=\"" + sign(s.key, String.join("\n", lines)) + "\"";
    }

    private static String sign(PrivateKey key, String signingString) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingString.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
