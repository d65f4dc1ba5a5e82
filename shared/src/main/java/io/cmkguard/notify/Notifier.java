package io.cmkguard.notify;

/** Where findings go. The production implementation publishes to an OCI Notifications topic. */
public interface Notifier {

    /** Publishes the message and answers its message id; faults are thrown. */
    String publish(Notification notification);
}
