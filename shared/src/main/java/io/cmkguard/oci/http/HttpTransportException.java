package io.cmkguard.oci.http;

/**
 * A call that got no usable answer: no connection, a timeout, a connection lost mid-answer, or an
 * answer that could not be read. The SDK treats it as its "processing exception": a client-side
 * BmcException that a retry condition may retry.
 */
public final class HttpTransportException extends RuntimeException {
    public HttpTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
