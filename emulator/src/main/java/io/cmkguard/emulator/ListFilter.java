package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The query parameters of a LIST call as a filter: every parameter that names a field must match it
 * (compartmentId, availabilityDomain, instanceId, lifecycleState, ...). Paging and sorting are ignored:
 * the emulator answers one page.
 */
final class ListFilter implements Predicate<ObjectNode> {
    private static final Set<String> IGNORED = Set.of("limit", "page", "sortBy", "sortOrder");
    /** Query parameters whose name differs from the field they filter. */
    private static final Map<ResourceCollection, Map<String, String>> FIELD_OF_PARAMETER = Map.of(
            ResourceCollection.DATABASES, Map.of("systemId", "dbSystemId"),
            ResourceCollection.PLUGGABLE_DATABASES, Map.of("databaseId", "containerDatabaseId"));

    private final Map<String, String> parameters;
    private final Map<String, String> fieldOfParameter;

    private ListFilter(Map<String, String> parameters, Map<String, String> fieldOfParameter) {
        this.parameters = parameters;
        this.fieldOfParameter = fieldOfParameter;
    }

    /** Like OCI, a LIST needs compartmentId: 400 MissingParameter without it. */
    static ListFilter of(ResourceCollection collection, Map<String, String> parameters) {
        if (parameters.get("compartmentId") == null || parameters.get("compartmentId").isBlank()) {
            throw ApiError.missingParameter("compartmentId");
        }
        return new ListFilter(parameters, FIELD_OF_PARAMETER.getOrDefault(collection, Map.of()));
    }

    @Override
    public boolean test(ObjectNode resource) {
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String name = p.getKey();
            if (IGNORED.contains(name)) {
                continue;
            }
            if (name.equals("lifecycleStateNotEqualTo")) {
                if (p.getValue().equals(Json.text(resource, "lifecycleState"))) {
                    return false;
                }
                continue;
            }
            JsonNode field = resource.get(fieldOfParameter.getOrDefault(name, name));
            if (field == null || field.isNull() || !field.asText().equals(p.getValue())) {
                return false;
            }
        }
        return true;
    }
}
