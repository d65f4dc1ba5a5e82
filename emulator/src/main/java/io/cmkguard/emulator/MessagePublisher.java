package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** ONS PublishMessage: checks the message like OCI does and keeps every published message, in order. */
final class MessagePublisher {
    /** OCI's limit on a published message: 64 KB per request. */
    static final int MAX_MESSAGE_BYTES = 65536;
    private static final Set<String> MESSAGE_TYPES = Set.of("JSON", "RAW_TEXT");

    private final ResourceStore store;
    private final List<ObjectNode> messages = new ArrayList<>();

    MessagePublisher(ResourceStore store) {
        this.store = store;
    }

    Response publish(IncomingRequest request, String topicId) {
        store.find(ResourceCollection.TOPICS, topicId).orElseThrow(() -> ApiError.notFound("topics/" + topicId));
        if (request.body().length > MAX_MESSAGE_BYTES) {
            throw ApiError.invalidParameter("message is " + request.body().length + " bytes; the limit is "
                    + MAX_MESSAGE_BYTES + " (64 KB)");
        }
        ObjectNode details = request.jsonBody();
        String body = Json.text(details, "body");
        if (body == null) {
            throw ApiError.invalidParameter("MessageDetails.body is required");
        }
        // JSON is the API's default message type
        String messageType = request.header("messagetype") == null ? "JSON" : request.header("messagetype");
        if (!MESSAGE_TYPES.contains(messageType)) {
            throw ApiError.invalidParameter("messageType must be JSON or RAW_TEXT, not " + messageType);
        }
        ObjectNode message = Json.object();
        message.put("topicId", topicId);
        message.put("title", Json.text(details, "title"));
        message.put("body", body);
        message.put("messageType", messageType);
        message.put("messageId", "emulator-message-" + UUID.randomUUID());
        message.put("timeStamp", Json.timestamp(store.now()));
        synchronized (messages) {
            messages.add(message);
        }
        ObjectNode result = Json.object();
        result.put("messageId", message.get("messageId").asText());
        result.put("timeStamp", message.get("timeStamp").asText());
        return Response.ok(result);
    }

    List<ObjectNode> messages() {
        synchronized (messages) {
            return messages.stream().map(ObjectNode::deepCopy).toList();
        }
    }
}
