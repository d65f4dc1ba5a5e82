package io.cmkguard.oci.http;

import com.oracle.bmc.http.client.HttpClient;
import com.oracle.bmc.http.client.HttpRequest;
import com.oracle.bmc.http.client.Method;
import com.oracle.bmc.http.client.RequestInterceptor;

import java.net.URI;
import java.util.List;

/** One SDK client's HTTP client: builds requests against its base URI. Holds no connections itself. */
final class UrlConnectionClient implements HttpClient {
    private final URI baseUri;
    /** The SDK sets a per-call endpoint (templated endpoints) from the calling thread, then calls. */
    private final ThreadLocal<URI> endpoint;
    final Transport transport;
    final List<RequestInterceptor> interceptors;

    UrlConnectionClient(URI baseUri, Transport transport, List<RequestInterceptor> interceptors) {
        this.baseUri = baseUri;
        this.endpoint = ThreadLocal.withInitial(() -> this.baseUri);
        this.transport = transport;
        this.interceptors = interceptors;
    }

    @Override
    public HttpRequest createRequest(Method method) {
        return new UrlConnectionRequest(this, method, endpoint.get());
    }

    @Override
    public boolean isProcessingException(Exception e) {
        return e instanceof HttpTransportException;
    }

    @Override
    public void updateEndpoint(String baseTarget) {
        endpoint.set(URI.create(baseTarget));
    }

    @Override
    public void close() {
        // connections belong to the JDK's keep-alive cache, which closes idle ones itself
    }
}
