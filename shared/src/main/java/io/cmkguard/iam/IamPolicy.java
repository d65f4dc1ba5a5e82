package io.cmkguard.iam;

import java.util.List;

/** Generated IAM: the dynamic groups to create (in the root compartment) and the policy statements. */
public record IamPolicy(List<DynamicGroup> dynamicGroups, List<String> statements) {

    public IamPolicy {
        dynamicGroups = List.copyOf(dynamicGroups);
        statements = List.copyOf(statements);
    }

    public record DynamicGroup(String name, String matchingRule) {
    }

    /** As {@code bin/cmk-guard policies} prints it and the README shows it. */
    public String render() {
        StringBuilder text = new StringBuilder("# Dynamic groups (name: matching rule)\n");
        dynamicGroups.forEach(g -> text.append(g.name()).append(": ").append(g.matchingRule()).append('\n'));
        text.append("\n# Policy statements\n");
        statements.forEach(s -> text.append(s).append('\n'));
        return text.toString();
    }
}
