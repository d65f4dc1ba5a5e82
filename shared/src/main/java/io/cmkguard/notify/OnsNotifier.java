package io.cmkguard.notify;

import com.oracle.bmc.ons.model.MessageDetails;
import com.oracle.bmc.ons.model.PublishResult;
import com.oracle.bmc.ons.requests.PublishMessageRequest;
import io.cmkguard.oci.OciCallException;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;

import java.util.Optional;

/** Publishes findings to an OCI Notifications topic, whose subscriptions deliver to email and Slack. */
public final class OnsNotifier implements Notifier {
    private final OciClients clients;
    private final String topicId;

    public OnsNotifier(OciClients clients, String topicId) {
        this.clients = clients;
        this.topicId = topicId;
    }

    @Override
    public Optional<String> publish(Finding finding) {
        return Optional.of(send(FindingMessage.render(finding)));
    }

    @Override
    public Optional<String> publishKeyAlert(KeyAlert alert) {
        return Optional.of(send(KeyAlertMessage.render(alert)));
    }

    @Override
    public Optional<String> publishDigest(Digest digest) {
        return Optional.of(send(DigestMessage.render(digest)));
    }

    private String send(Notification n) {
        String operation = "PublishMessage to " + topicId;
        PublishResult answer = OciCalls.call(operation, () -> clients.ons().publishMessage(
                PublishMessageRequest.builder()
                        .topicId(topicId)
                        // RAW_TEXT: the JSON message type is deprecated, and raw text renders in email and Slack.
                        .messageType(PublishMessageRequest.MessageType.RawText)
                        .messageDetails(MessageDetails.builder().title(n.title()).body(n.body()).build())
                        .build())
                .getPublishResult());
        String messageId = answer == null ? null : answer.getMessageId();
        if (messageId == null || messageId.isBlank()) {
            throw OciCallException.malformedResponse(operation, "no message id in the answer");
        }
        return messageId;
    }
}
