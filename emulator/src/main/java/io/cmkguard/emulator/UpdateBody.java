package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.function.Consumer;

/** An update request's body applied to a live resource, as OCI does: fields sent as null are left alone. */
final class UpdateBody {
    private UpdateBody() {
    }

    /** Every non-null field replaces the resource's; the key goes through the service's own rule for keys. */
    static void apply(ObjectNode details, ObjectNode live, Consumer<String> setKey) {
        for (Map.Entry<String, JsonNode> field : details.properties()) {
            if (field.getValue().isNull()) {
                continue;
            }
            if (field.getKey().equals("kmsKeyId")) {
                setKey.accept(field.getValue().asText());
            } else {
                live.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }
}
