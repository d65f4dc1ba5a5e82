package io.cmkguard.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs every request through the same steps: latency, signature check, faults, route; records it; writes an
 * OCI-shaped answer. A bug in a route answers 500 rather than killing the connection.
 */
final class EmulatorHttpHandler implements HttpHandler {
    private final SignatureVerifier verifier;
    private final Faults faults;
    private final Router router;
    private final RequestLog log;
    private final Duration latency;
    private final Throttle throttle;

    EmulatorHttpHandler(SignatureVerifier verifier, Faults faults, Router router, RequestLog log, Duration latency,
                        Throttle throttle) {
        this.throttle = throttle;
        this.verifier = verifier;
        this.faults = faults;
        this.router = router;
        this.log = log;
        this.latency = latency;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            IncomingRequest request = read(exchange);
            Response response = answer(request);
            String keyId = AuthorizationHeader.claimedKeyId(request.header("authorization"));
            log.add(new RecordedRequest(request.method(), request.path(), request.query(), response.status(), keyId));
            write(exchange, request, response);
        }
    }

    private Response answer(IncomingRequest request) {
        try {
            sleep(latency);
            throttle.admit(); // like OCI, throttling comes before anything else is looked at
            verifier.verify(request); // a 401 wins over any fault
            Optional<Fault> fault = faults.take(request.method(), request.path(), request.query());
            if (fault.isEmpty()) {
                return router.route(request);
            }
            Fault f = fault.get();
            Response applied = f.applyFirst() ? routed(request) : null;
            sleep(f.delay());
            if (f.status() != 0) { // a status of 200 answers 200 with the error body
                Response error = Response.error(new ApiError(f.status(), f.code(), f.message()));
                return f.retryAfter() == null ? error : error.withHeader("retry-after", f.retryAfter());
            }
            return f.listing().apply(applied != null ? applied : router.route(request),
                    request.queryParameters().get("page"));
        } catch (ApiError e) {
            return e.status() == 429 ? Response.error(e).withHeader("retry-after", "1") : Response.error(e);
        } catch (RuntimeException e) {
            return Response.error(new ApiError(500, "InternalServerError", "emulator failure: " + e));
        }
    }

    /** The route's answer, its refusal included: a lost answer may hide either. */
    private Response routed(IncomingRequest request) {
        try {
            return router.route(request);
        } catch (ApiError e) {
            return Response.error(e);
        }
    }

    private static IncomingRequest read(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        String rawTarget = uri.getRawPath() + (rawQuery.isBlank() ? "" : "?" + rawQuery);
        String path = uri.getPath();
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1); // some OCI list paths end with a slash
        }
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), List.copyOf(values)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        return new IncomingRequest(exchange.getRequestMethod().toUpperCase(), rawTarget, path, rawQuery, headers, body);
    }

    private static void write(HttpExchange exchange, IncomingRequest request, Response response) throws IOException {
        String requestId = request.header("opc-request-id") != null
                ? request.header("opc-request-id")
                : "emulator-" + UUID.randomUUID().toString().replace("-", "");
        exchange.getResponseHeaders().set("opc-request-id", requestId);
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        try {
            if (response.body() == null && response.content() == null || request.method().equals("HEAD")) {
                // a HEAD answer keeps the content-length header its route set, and sends no body
                exchange.sendResponseHeaders(response.status(), -1);
                return;
            }
            byte[] bytes = response.content() != null ? response.content() : Json.bytes(response.body());
            if (response.content() == null) {
                exchange.getResponseHeaders().set("content-type", "application/json");
            }
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            // the client gave up (e.g. a read timeout during an injected delay): nothing left to answer
        }
    }

    private static void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
