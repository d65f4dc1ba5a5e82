package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The query parameters of a LIST call as a filter: every parameter that names a field must match it
 * (compartmentId, availabilityDomain, instanceId, lifecycleState, ...). Paging is done by {@link ResourceReads};
 * sorting is ignored. ListCompartments with compartmentIdInSubtree=true matches the whole subtree.
 */
final class ListFilter implements Predicate<ObjectNode> {
    private static final Set<String> IGNORED = Set.of("limit", "page", "sortBy", "sortOrder", "accessLevel",
            "compartmentIdInSubtree");
    /** Query parameters whose name differs from the field they filter. */
    private static final Map<ResourceCollection, Map<String, String>> FIELD_OF_PARAMETER = Map.of(
            ResourceCollection.DATABASES, Map.of("systemId", "dbSystemId"),
            ResourceCollection.PLUGGABLE_DATABASES, Map.of("databaseId", "containerDatabaseId"));

    private final Map<String, String> parameters;
    private final Map<String, String> fieldOfParameter;
    private final Predicate<String> inCompartment;

    private ListFilter(Map<String, String> parameters, Map<String, String> fieldOfParameter,
                       Predicate<String> inCompartment) {
        this.parameters = parameters;
        this.fieldOfParameter = fieldOfParameter;
        this.inCompartment = inCompartment;
    }

    /** Like OCI, a LIST needs compartmentId (ListFileSystems availabilityDomain too): 400 MissingParameter without it. */
    static ListFilter of(ResourceCollection collection, Map<String, String> parameters, ResourceStore store) {
        String compartmentId = parameters.get("compartmentId");
        if (compartmentId == null || compartmentId.isBlank()) {
            throw ApiError.missingParameter("compartmentId");
        }
        String domain = parameters.get("availabilityDomain");
        if (collection == ResourceCollection.FILE_SYSTEMS && (domain == null || domain.isBlank())) {
            throw ApiError.missingParameter("availabilityDomain");
        }
        Predicate<String> inCompartment = compartmentId::equals;
        if (collection == ResourceCollection.COMPARTMENTS && "true".equals(parameters.get("compartmentIdInSubtree"))) {
            inCompartment = parent -> parent != null && isWithin(parent, compartmentId, store);
        }
        return new ListFilter(parameters, FIELD_OF_PARAMETER.getOrDefault(collection, Map.of()), inCompartment);
    }

    /** Whether a compartment is the ancestor or lies below it, following compartmentId up the tree. */
    private static boolean isWithin(String compartmentId, String ancestorId, ResourceStore store) {
        String current = compartmentId;
        for (int depth = 0; current != null && depth < 10; depth++) { // OCI nests at most six levels
            if (current.equals(ancestorId)) {
                return true;
            }
            current = store.find(ResourceCollection.COMPARTMENTS, current)
                    .map(c -> Json.text(c, "compartmentId")).orElse(null);
        }
        return false;
    }

    @Override
    public boolean test(ObjectNode resource) {
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            String name = p.getKey();
            if (IGNORED.contains(name)) {
                continue;
            }
            if (name.equals("compartmentId")) {
                if (!inCompartment.test(Json.text(resource, "compartmentId"))) {
                    return false;
                }
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
