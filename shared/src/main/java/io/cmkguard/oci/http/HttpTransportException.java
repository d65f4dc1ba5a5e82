package io.cmkguard.oci.http;

/**
 * A call that got no usable answer: no connection, a timeout, a connection lost mid-answer, or an
 * answer that could not be read. The SDK treats it as its "processing exception": a client-side
 * BmcException that a retry condition may retry.
 */
public final class HttpTransportException extends RuntimeException {
    /** The status of an answer that came but could not be read as what was asked; 0 when no answer came. */
    private final int unreadableAnswerStatus;

    public HttpTransportException(String message, Throwable cause) {
        this(message, cause, 0);
    }

    private HttpTransportException(String message, Throwable cause, int unreadableAnswerStatus) {
        super(message, cause);
        this.unreadableAnswerStatus = unreadableAnswerStatus;
    }

    /** An answer with this status whose body is not the model asked for (e.g. a date that is not a date). */
    public static HttpTransportException unreadableAnswer(int status, String message, Throwable cause) {
        return new HttpTransportException(message, cause, status);
    }

    public int unreadableAnswerStatus() {
        return unreadableAnswerStatus;
    }
}
