package io.cmkguard.oci.http;

import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.RequestInterceptor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One request as the SDK composes it: path parts and query parameters arrive already percent-encoded,
 * a model body is serialised at once (the signer hashes exactly what is sent), then the interceptors
 * (signing among them) run and the call is made in the caller's thread.
 */
final class UrlConnectionRequest implements HttpRequest {
    private final UrlConnectionClient client;
    private final Method method;
    private final URI base;
    private final StringBuilder path;
    private final StringBuilder query;
    private final Map<String, List<String>> headers;
    private final Map<String, Object> attributes;
    private Object body;

    UrlConnectionRequest(UrlConnectionClient client, Method method, URI base) {
        this.client = client;
        this.method = method;
        this.base = base;
        this.path = new StringBuilder(base.getRawPath() == null ? "" : base.getRawPath());
        this.query = new StringBuilder();
        this.headers = new LinkedHashMap<>();
        this.attributes = new HashMap<>();
    }

    private UrlConnectionRequest(UrlConnectionRequest from) {
        this.client = from.client;
        this.method = from.method;
        this.base = from.base;
        this.path = new StringBuilder(from.path);
        this.query = new StringBuilder(from.query);
        this.headers = new LinkedHashMap<>();
        from.headers.forEach((name, values) -> this.headers.put(name, new ArrayList<>(values)));
        this.attributes = new HashMap<>(from.attributes);
        this.body = from.body;
    }

    @Override
    public Method method() {
        return method;
    }

    @Override
    public HttpRequest body(Object body) {
        if (body == null || body instanceof String || body instanceof InputStream) {
            this.body = body == null ? "" : body;
        } else {
            try {
                this.body = SdkJson.INSTANCE.writeValueAsString(body);
            } catch (IOException e) {
                throw new IllegalArgumentException("the request body cannot be written as JSON", e);
            }
        }
        return this;
    }

    @Override
    public HttpRequest body(InputStream body, long contentLength) {
        this.body = body;
        return this;
    }

    @Override
    public Object body() {
        return body;
    }

    @Override
    public HttpRequest appendPathPart(String encodedPathPart) {
        String part = encodedPathPart;
        while (part.startsWith("/")) {
            part = part.substring(1);
        }
        if (!part.isEmpty()) {
            if (path.length() == 0 || path.charAt(path.length() - 1) != '/') {
                path.append('/');
            }
            appendLegal(part);
        }
        return this;
    }

    /**
     * The SDK's path encoder leaves a few characters ({@code | [ ] ^ \ ...}) that java.net.URI refuses in
     * a path; Jersey percent-encoded them, and so does this (their UTF-8 bytes), keeping everything else.
     */
    private void appendLegal(String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (isPathChar(c)) {
                path.append(c);
            } else {
                int codePoint = part.codePointAt(i);
                i += Character.charCount(codePoint) - 1;
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    path.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
    }

    /** RFC 3986 pchar, the path separator, and '%' (the part is already percent-encoded). */
    private static boolean isPathChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0;
    }

    @Override
    public HttpRequest query(String name, String value) {
        query.append(query.length() == 0 ? "" : "&").append(name).append('=').append(value);
        return this;
    }

    @Override
    public URI uri() {
        String authority = base.getRawAuthority();
        return URI.create(base.getScheme() + "://" + authority + (path.length() == 0 ? "/" : path)
                + (query.length() == 0 ? "" : "?" + query));
    }

    @Override
    public HttpRequest header(String name, String value) {
        headers.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public Object attribute(String name) {
        return attributes.get(name);
    }

    @Override
    public HttpRequest removeAttribute(String name) {
        attributes.remove(name);
        return this;
    }

    @Override
    public HttpRequest attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    @Override
    public HttpRequest offloadExecutor(Executor executor) {
        return this; // the call runs in the caller's thread: nothing to offload
    }

    @Override
    public HttpRequest copy() {
        return new UrlConnectionRequest(this);
    }

    @Override
    public void discard() {
        // nothing is held before execute()
    }

    @Override
    public CompletionStage<HttpResponse> execute() {
        try {
            for (RequestInterceptor interceptor : client.interceptors) {
                interceptor.intercept(this);
            }
            return CompletableFuture.completedFuture(client.transport.send(method, uri(), headers, body));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
