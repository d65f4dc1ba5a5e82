package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.oracle.bmc.auth.BasicAuthenticationDetailsProvider;
import com.oracle.bmc.ons.NotificationDataPlaneClient;
import com.oracle.bmc.ons.model.MessageDetails;
import com.oracle.bmc.ons.model.PublishResult;
import com.oracle.bmc.ons.requests.PublishMessageRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.cmkguard.emulator.TestWorld.TOPIC;
import static org.junit.jupiter.api.Assertions.*;

class NotificationsTest {
    private static SigningKeys keys;
    private static BasicAuthenticationDetailsProvider auth;
    private OciEmulator emulator;
    private NotificationDataPlaneClient client;

    @BeforeAll
    static void keys() {
        keys = SigningKeys.generate();
        auth = Sdk.auth(keys);
    }

    @BeforeEach
    void start() {
        emulator = OciEmulator.start(TestWorld.world(), EmulatorOptions.trusting(keys.publicKey()));
        client = Sdk.notifications(emulator, auth);
    }

    @AfterEach
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void publishedMessagesAreRecordedInOrder() {
        PublishResult first = publish(TOPIC, "volume fixed", "vol-1 now uses a customer-managed key");
        publish(TOPIC, "second", "body 2");

        assertEquals(2, emulator.messages().size());
        ObjectNode message = emulator.messages().get(0);
        assertEquals(TOPIC, message.get("topicId").asText());
        assertEquals("volume fixed", message.get("title").asText());
        assertEquals("vol-1 now uses a customer-managed key", message.get("body").asText());
        assertEquals("RAW_TEXT", message.get("messageType").asText());
        assertEquals(first.getMessageId(), message.get("messageId").asText());
        assertNotNull(first.getTimeStamp());
        assertEquals("second", emulator.dump().get("messages").get(1).get("title").asText());
    }

    @Test
    void messagesOver64KbAndUnknownTopicsAreRefused() {
        String envelope = "{\"title\":\"t\",\"body\":\"\"}";
        String exactlyAtLimit = "x".repeat(MessagePublisher.MAX_MESSAGE_BYTES - envelope.length());
        publish(TOPIC, "t", exactlyAtLimit);

        Sdk.assertFails(400, "InvalidParameter", () -> publish(TOPIC, "t", exactlyAtLimit + "x"));
        Sdk.assertFails(404, "NotAuthorizedOrNotFound", () -> publish("ocid1.onstopic.oc1..none", "t", "b"));
        assertEquals(1, emulator.messages().size(), "refused messages are not recorded");
    }

    private PublishResult publish(String topic, String title, String body) {
        return client.publishMessage(PublishMessageRequest.builder().topicId(topic)
                .messageType(PublishMessageRequest.MessageType.RawText)
                .messageDetails(MessageDetails.builder().title(title).body(body).build())
                .build()).getPublishResult();
    }
}
