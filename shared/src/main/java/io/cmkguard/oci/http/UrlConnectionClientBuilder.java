package io.cmkguard.oci.http;

import com.oracle.bmc.http.client.ClientProperty;
import com.oracle.bmc.http.client.HttpClient;
import com.oracle.bmc.http.client.HttpClientBuilder;
import com.oracle.bmc.http.client.HttpResponse;
import com.oracle.bmc.http.client.RequestInterceptor;
import com.oracle.bmc.http.client.StandardClientProperties;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What an SDK client asks of its HTTP client: base URI, timeouts, interceptors in priority order. */
final class UrlConnectionClientBuilder implements HttpClientBuilder {
    /** Properties that would change what is trusted or where requests go: refused rather than ignored. */
    private static final List<ClientProperty<?>> UNSUPPORTED = List.of(StandardClientProperties.KEY_STORE,
            StandardClientProperties.TRUST_STORE, StandardClientProperties.HOSTNAME_VERIFIER,
            StandardClientProperties.SSL_CONTEXT, StandardClientProperties.PROXY);

    private URI baseUri;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);
    private Consumer<HttpResponse> listener = response -> { };
    private final List<Map.Entry<Integer, RequestInterceptor>> interceptors = new ArrayList<>();

    @Override
    public HttpClientBuilder baseUri(URI uri) {
        this.baseUri = uri;
        return this;
    }

    @Override
    public HttpClientBuilder baseUri(String uri) {
        return baseUri(URI.create(uri));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> HttpClientBuilder property(ClientProperty<T> key, T value) {
        if (key == StandardClientProperties.CONNECT_TIMEOUT) {
            connectTimeout = (Duration) value;
        } else if (key == StandardClientProperties.READ_TIMEOUT) {
            readTimeout = (Duration) value;
        } else if (key == UrlConnectionHttpProvider.RESPONSE_LISTENER) {
            listener = listener.andThen((Consumer<HttpResponse>) value);
        } else if (UNSUPPORTED.contains(key) && value != null) {
            throw new UnsupportedOperationException("cmk-guard's HTTP layer does not support the client property "
                    + key + " (the JDK's default trust store and proxy settings apply)");
        }
        // anything else (e.g. the async pool size) has no meaning here: calls run in the caller's thread
        return this;
    }

    @Override
    public HttpClientBuilder registerRequestInterceptor(int priority, RequestInterceptor interceptor) {
        interceptors.add(Map.entry(priority, interceptor));
        return this;
    }

    @Override
    public HttpClient build() {
        if (baseUri == null) {
            throw new IllegalStateException("an HTTP client needs a base URI");
        }
        List<RequestInterceptor> ordered = interceptors.stream()
                .sorted(Comparator.comparingInt(Map.Entry::getKey)) // stable: equal priorities keep their order
                .map(Map.Entry::getValue)
                .toList();
        return new UrlConnectionClient(baseUri, new Transport(connectTimeout, readTimeout, listener), ordered);
    }
}
