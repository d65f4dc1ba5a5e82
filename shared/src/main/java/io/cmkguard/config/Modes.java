package io.cmkguard.config;

import java.util.Map;

/** The mode of every resource type: the function's own, unless a type has one of its own. */
public record Modes(Mode mode, Map<String, Mode> byResourceType) {

    public Modes {
        byResourceType = Map.copyOf(byResourceType);
    }

    public Mode modeFor(String resourceType) {
        return byResourceType.getOrDefault(resourceType, mode);
    }
}
