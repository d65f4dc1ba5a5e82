package io.cmkguard.rules;

import java.util.List;
import java.util.Optional;

/**
 * What a sweep found of the Events rules that feed the function: a disabled or drifted rule silently
 * stops the guard, so every sweep says so.
 *
 * @param checked  whether the rules were read and compared
 * @param problems one line per problem ("cmk-guard-database: disabled"); empty when every rule is in place
 * @param note     why they were not checked, when they were not
 */
public record EventRulesStatus(boolean checked, List<String> problems, Optional<String> note) {

    public EventRulesStatus {
        problems = List.copyOf(problems);
    }

    public static EventRulesStatus found(List<String> problems) {
        return new EventRulesStatus(true, problems, Optional.empty());
    }

    public static EventRulesStatus notChecked(String why) {
        return new EventRulesStatus(false, List.of(), Optional.of(why));
    }
}
