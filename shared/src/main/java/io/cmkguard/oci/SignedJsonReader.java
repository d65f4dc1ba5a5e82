package io.cmkguard.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import com.oracle.bmc.model.BmcException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a resource's raw wire JSON with a request signed by the SDK's own signer. Only for fields
 * the pinned SDK does not model yet (a database's encryptionKeyLocationDetails, where Oracle
 * Database@AWS keys show, is missing from SDK 3.55.1, the newest database module on Maven Central).
 */
final class SignedJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestSigner signer;
    private volatile HttpClient http;
    private final int attempts;
    private final Duration timeout;

    SignedJsonReader(BasicAuthenticationDetailsProvider provider, int attempts, Duration timeout) {
        this.signer = DefaultRequestSigner.createRequestSigner(provider);
        this.attempts = attempts;
        this.timeout = timeout;
    }

    /** GET base + path; 404 is empty; faults are retried as the SDK clients retry them, then thrown. */
    Optional<JsonNode> get(String operation, String base, String path) {
        URI uri = URI.create(base.replaceAll("/+$", "") + path);
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET()
                    .header("accept", "application/json");
            signer.signRequest(uri, "GET", Map.of("accept", List.of("application/json")), null)
                    .forEach((name, value) -> {
                        if (!name.equalsIgnoreCase("host")) { // the client sets host itself
                            request.header(name, value);
                        }
                    });
            HttpResponse<String> response;
            try {
                response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new OciCallException(operation, new BmcException(false, e.getMessage(), e, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OciCallException(operation, new BmcException(false, "interrupted", e, null));
            }
            int status = response.statusCode();
            if (status == 404) {
                return Optional.empty();
            }
            if (status / 100 == 2) {
                try {
                    return Optional.of(JSON.readTree(response.body()));
                } catch (IOException e) {
                    throw new OciCallException(operation, new BmcException(status, "InvalidResponse",
                            "the answer is not JSON", null));
                }
            }
            if (!TransientFaults.isTransient(status) || attempt >= attempts) {
                JsonNode error = parseQuietly(response.body());
                throw new OciCallException(operation, new BmcException(status, error.path("code").asText("Unknown"),
                        error.path("message").asText(response.body()),
                        response.headers().firstValue("opc-request-id").orElse(null)));
            }
            pause(attempt);
        }
    }

    /** Built on first use: a java.net.http client costs ~0.3 s in a fresh JVM, and most events never need it. */
    private HttpClient http() {
        HttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder().connectTimeout(timeout).build();
                }
                client = http;
            }
        }
        return client;
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(QuickBackoff.delayMillis(attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
