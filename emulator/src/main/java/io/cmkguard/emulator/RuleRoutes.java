package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The Events rule API's writes: CreateRule (POST /20181201/rules) and UpdateRule (PUT /20181201/rules/{id}).
 * GetRule and ListRules are the generic reads of the {@code rules} collection. Rules are kept in OCI's wire
 * JSON: {@code actions.actions[]} with actionType FAAS/ONS/OSS, an id and lifecycleState per action.
 */
final class RuleRoutes {
    private static final Set<String> ACTION_TYPES = Set.of("FAAS", "ONS", "OSS");
    private static final Map<String, String> TARGET_FIELD = Map.of("FAAS", "functionId", "ONS", "topicId",
            "OSS", "streamId");

    private final ResourceStore store;

    RuleRoutes(ResourceStore store) {
        this.store = store;
    }

    Response create(IncomingRequest request) {
        ObjectNode details = request.jsonBody();
        for (String field : new String[] {"displayName", "compartmentId", "condition", "isEnabled", "actions"}) {
            if (!details.hasNonNull(field)) {
                throw ApiError.invalidParameter(field + " is required");
            }
        }
        ObjectNode rule = Json.object();
        rule.put("id", "ocid1.eventrule.oc1.iad.emulator" + UUID.randomUUID().toString().replace("-", ""));
        rule.put("compartmentId", details.get("compartmentId").asText());
        rule.put("lifecycleState", "ACTIVE");
        rule.put("timeCreated", Json.timestamp(store.now()));
        rule.set("freeformTags", Json.object());
        rule.set("definedTags", Json.object());
        apply(details, rule);
        return Response.resource(store.insert(ResourceCollection.RULES, rule));
    }

    Response update(IncomingRequest request, String id) {
        ObjectNode details = request.jsonBody();
        ObjectNode rule = store.modify(ResourceCollection.RULES, id, live -> {
            String ifMatch = request.header("if-match");
            if (ifMatch != null && !ifMatch.equals(Json.text(live, "etag"))) {
                throw ApiError.etagMismatch(ifMatch, Json.text(live, "etag"));
            }
            apply(details, live);
        });
        return Response.resource(rule);
    }

    /** Copies the given fields of Create/UpdateRuleDetails onto the rule; actions become the read shape. */
    private static void apply(ObjectNode details, ObjectNode rule) {
        for (String field : new String[] {"displayName", "description", "isEnabled", "freeformTags", "definedTags"}) {
            if (details.hasNonNull(field)) {
                rule.set(field, details.get(field).deepCopy());
            }
        }
        if (details.hasNonNull("condition")) {
            String condition = details.get("condition").asText();
            try {
                Json.parse(condition);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidParameter("condition is not valid JSON: " + e.getMessage());
            }
            rule.put("condition", condition);
        }
        if (details.hasNonNull("actions")) {
            rule.set("actions", actions(details.get("actions")));
        }
    }

    private static ObjectNode actions(JsonNode list) {
        JsonNode given = list.path("actions");
        if (!given.isArray() || given.isEmpty()) {
            throw ApiError.invalidParameter("actions.actions must be a non-empty list");
        }
        ObjectNode result = Json.object();
        ArrayNode actions = result.putArray("actions");
        for (JsonNode detail : given) {
            String type = Json.text(detail, "actionType");
            if (type == null || !ACTION_TYPES.contains(type)) {
                throw ApiError.invalidParameter("actionType must be one of " + ACTION_TYPES + ", not " + type);
            }
            String target = TARGET_FIELD.get(type);
            if (!detail.hasNonNull(target)) {
                throw ApiError.invalidParameter("a " + type + " action needs " + target);
            }
            ObjectNode action = actions.addObject();
            action.put("actionType", type);
            action.put("id", "ocid1.eventaction.oc1.iad.emulator" + UUID.randomUUID().toString().replace("-", ""));
            action.put("lifecycleState", "ACTIVE");
            action.put("isEnabled", detail.path("isEnabled").asBoolean(false));
            action.put(target, detail.get(target).asText());
            if (detail.hasNonNull("description")) {
                action.put("description", detail.get("description").asText());
            }
        }
        return result;
    }
}
