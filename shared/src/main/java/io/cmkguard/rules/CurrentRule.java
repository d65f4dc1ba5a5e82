package io.cmkguard.rules;

import java.util.List;

/**
 * An Events rule as OCI holds it, reduced to what cmk-guard compares.
 *
 * @param condition the condition text exactly as OCI answers it
 */
public record CurrentRule(String id, String displayName, String lifecycleState, boolean enabled, String condition,
                          List<Action> actions) {

    public CurrentRule {
        actions = List.copyOf(actions);
    }

    /**
     * One of its actions.
     *
     * @param type   FAAS, ONS or OSS
     * @param target the function, topic or stream it sends to ("" if unknown)
     */
    public record Action(String type, boolean enabled, String target) {
        public String describe() {
            return type + " -> " + (target.isBlank() ? "?" : target) + (enabled ? "" : " (disabled)");
        }
    }
}
