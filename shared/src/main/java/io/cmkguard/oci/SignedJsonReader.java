package io.cmkguard.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.StandardClientProperties;
import com.oracle.bmc.http.signing.DefaultRequestSigner;
import com.oracle.bmc.http.signing.RequestSigner;
import com.oracle.bmc.model.BmcException;
import io.cmkguard.oci.http.HttpTransportException;
import io.cmkguard.oci.http.UrlConnectionHttpProvider;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Reads a resource's raw wire JSON with a request signed by the SDK's own signer. Only for fields
 * the pinned SDK does not model yet (a database's encryptionKeyLocationDetails, where Oracle
 * Database@AWS keys show, is missing from SDK 3.55.1, the newest database module on Maven Central).
 */
final class SignedJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestSigner signer;
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
            int status;
            String body;
            String requestId;
            try (HttpResponse response = send(uri)) {
                status = response.status();
                body = response.textBody().toCompletableFuture().join();
                requestId = response.header("opc-request-id");
            } catch (HttpTransportException e) {
                throw new OciCallException(operation, new BmcException(false, e.getMessage(), e, null));
            }
            if (status == 404) {
                return Optional.empty();
            }
            if (status / 100 == 2) {
                try {
                    return Optional.of(JSON.readTree(body));
                } catch (IOException e) {
                    throw new OciCallException(operation, new BmcException(status, "InvalidResponse",
                            "the answer is not JSON", null));
                }
            }
            if (!TransientFaults.isTransient(status) || attempt >= attempts) {
                JsonNode error = parseQuietly(body);
                throw new OciCallException(operation, new BmcException(status, error.path("code").asText("Unknown"),
                        error.path("message").asText(body), requestId));
            }
            pause(attempt);
        }
    }

    /** One signed GET through the same HTTP layer as the SDK clients. */
    private HttpResponse send(URI uri) {
        com.oracle.bmc.http.client.HttpClient http = new UrlConnectionHttpProvider().newBuilder()
                .baseUri(uri.getScheme() + "://" + uri.getRawAuthority())
                .property(StandardClientProperties.CONNECT_TIMEOUT, timeout)
                .property(StandardClientProperties.READ_TIMEOUT, timeout)
                .registerRequestInterceptor(0, request -> signer.signRequest(request.uri(), "GET", request.headers(), null)
                        .forEach((name, value) -> {
                            if (!request.headers().containsKey(name)) {
                                request.header(name, value);
                            }
                        }))
                .build();
        HttpRequest request = http.createRequest(Method.GET).appendPathPart(uri.getRawPath())
                .header("accept", "application/json");
        try {
            return request.execute().toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
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
            Thread.sleep(CallDeadline.cut(QuickBackoff.delayMillis(attempt)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
