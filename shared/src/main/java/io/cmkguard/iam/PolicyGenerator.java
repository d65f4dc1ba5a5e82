package io.cmkguard.iam;

import io.cmkguard.config.Mode;
import io.cmkguard.metrics.MonitoringRules;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.ResourceType;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The least IAM cmk-guard needs, built from what the resource types declare ({@link ResourceType#iam()}):
 * the function's own grants (read the resources, keys and vaults; compartments and Events rules for sweeps; in notify and
 * remediate publish to the topic; in remediate change the resources and delegate the one remediation key;
 * with posture metrics on, post metrics of cmk-guard's own namespace and no other)
 * and, in remediate mode, the grants OCI requires of whoever else uses the key (the Block Volume service,
 * the databases' dynamic groups). Audit mode gets no write grant at all.
 */
public final class PolicyGenerator {
    public static final String FUNCTION_GROUP = "cmk-guard-fn";

    private PolicyGenerator() {
    }

    public static IamPolicy generate(PolicyRequest request) {
        String function = "Allow dynamic-group " + FUNCTION_GROUP + " to ";
        String guarded = Compartment.byId(request.guarded()).scope();
        Set<String> statements = new LinkedHashSet<>();
        for (ResourceType type : request.types()) {
            type.iam().read().forEach(grant -> statements.add(function + grant + " in " + guarded));
        }
        String keyScope = request.vault().map(Compartment::scope).orElse("tenancy");
        statements.add(function + "read vaults in " + keyScope);
        statements.add(function + "read keys in " + keyScope);
        if (keyScope.equals("tenancy")) { // the tenancy-wide key reads already give what a type asks in one compartment
            statements.removeIf(st -> st.equals(function + "read vaults in " + guarded)
                    || st.equals(function + "read keys in " + guarded));
        }
        statements.add(function + "inspect compartments in " + guarded); // sweeps walk child compartments
        statements.add(function + "read cloudevents-rules in " + guarded); // a sweep report checks the rules
        if (request.mode() != Mode.AUDIT) {
            statements.add(function + "use ons-topics in "
                    + request.topic().orElse(Compartment.byId(request.guarded())).scope());
        }

        request.metrics().ifPresent(metrics -> statements.add(function + "use metrics in " + metrics.scope()
                + " where target.metrics.namespace='" + MonitoringRules.NAMESPACE + "'"));

        List<IamPolicy.DynamicGroup> groups = new ArrayList<>();
        groups.add(new IamPolicy.DynamicGroup(FUNCTION_GROUP, "ALL {resource.type = 'fnfunc', resource.compartment.id = '"
                + request.functionCompartment() + "'}"));
        if (request.mode() == Mode.REMEDIATE) {
            String vaultScope = request.vault().orElseThrow().scope();
            String keyId = request.keyId().orElseThrow();
            for (ResourceType type : request.types()) {
                type.iam().remediate().forEach(grant -> statements.add(function + grant + " in " + guarded));
            }
            statements.add(function + "use key-delegate in " + vaultScope + " where target.key.id = '" + keyId + "'");
            Set<KeyUser> keyUsers = new LinkedHashSet<>();
            request.types().stream().map(ResourceType::iam).map(Iam::keyUser)
                    .forEach(user -> user.ifPresent(keyUsers::add));
            for (KeyUser user : keyUsers) {
                statements.add(user.keyStatement(vaultScope, keyId));
                user.vaultStatement(vaultScope).ifPresent(statements::add);
                user.groupName().ifPresent(name -> groups.add(new IamPolicy.DynamicGroup(name,
                        user.matchingRule(request.guarded()).orElseThrow())));
            }
        }
        return new IamPolicy(groups, List.copyOf(statements));
    }
}
