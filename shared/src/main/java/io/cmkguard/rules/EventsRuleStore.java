package io.cmkguard.rules;

import com.oracle.bmc.events.EventsClient;
import com.oracle.bmc.events.model.Action;
import com.oracle.bmc.events.model.ActionDetailsList;
import com.oracle.bmc.events.model.CreateFaaSActionDetails;
import com.oracle.bmc.events.model.CreateRuleDetails;
import com.oracle.bmc.events.model.FaaSAction;
import com.oracle.bmc.events.model.NotificationServiceAction;
import com.oracle.bmc.events.model.Rule;
import com.oracle.bmc.events.model.RuleSummary;
import com.oracle.bmc.events.model.StreamingServiceAction;
import com.oracle.bmc.events.model.UpdateRuleDetails;
import com.oracle.bmc.events.requests.CreateRuleRequest;
import com.oracle.bmc.events.requests.GetRuleRequest;
import com.oracle.bmc.events.requests.ListRulesRequest;
import com.oracle.bmc.events.requests.UpdateRuleRequest;
import com.oracle.bmc.events.responses.ListRulesResponse;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.Wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Events rules of one compartment through the OCI Events API (ListRules, GetRule, CreateRule, UpdateRule). */
public final class EventsRuleStore {
    private final EventsClient events;

    public EventsRuleStore(EventsClient events) {
        this.events = events;
    }

    /** The compartment's rules with these display names (all pages), read in full with their actions. */
    public List<CurrentRule> find(String compartmentId, Set<String> displayNames) {
        List<CurrentRule> found = new ArrayList<>();
        String page = null;
        do {
            ListRulesRequest request = ListRulesRequest.builder().compartmentId(compartmentId).page(page).build();
            ListRulesResponse response = OciCalls.call("ListRules " + compartmentId, () -> events.listRules(request));
            for (RuleSummary summary : response.getItems()) {
                if (displayNames.contains(summary.getDisplayName())) {
                    // a summary lacks the actions: read the rule itself
                    OciCalls.find("GetRule " + summary.getId(), () -> events.getRule(
                                    GetRuleRequest.builder().ruleId(summary.getId()).build()).getRule())
                            .map(EventsRuleStore::toCurrent)
                            .ifPresent(found::add);
                }
            }
            page = response.getOpcNextPage();
        } while (page != null && !page.isBlank());
        return found;
    }

    public String create(String compartmentId, ExpectedRule rule, String functionId) {
        CreateRuleDetails details = CreateRuleDetails.builder()
                .compartmentId(compartmentId)
                .displayName(rule.displayName())
                .description(rule.description())
                .isEnabled(true)
                .condition(rule.condition())
                .actions(actions(functionId))
                .build();
        return OciCalls.call("CreateRule " + rule.displayName(), () -> events.createRule(
                CreateRuleRequest.builder().createRuleDetails(details).build())).getRule().getId();
    }

    public void update(CurrentRule current, ExpectedRule rule, String functionId) {
        UpdateRuleDetails details = UpdateRuleDetails.builder()
                .displayName(rule.displayName())
                .description(rule.description())
                .isEnabled(true)
                .condition(rule.condition())
                .actions(actions(functionId))
                .build();
        OciCalls.call("UpdateRule " + current.id(), () -> events.updateRule(
                UpdateRuleRequest.builder().ruleId(current.id()).updateRuleDetails(details).build()));
    }

    private static ActionDetailsList actions(String functionId) {
        return ActionDetailsList.builder().actions(List.of(CreateFaaSActionDetails.builder()
                .isEnabled(true)
                .functionId(functionId)
                .description("cmk-guard")
                .build())).build();
    }

    private static CurrentRule toCurrent(Rule rule) {
        List<CurrentRule.Action> actions = new ArrayList<>();
        if (rule.getActions() != null && rule.getActions().getActions() != null) {
            rule.getActions().getActions().forEach(a -> actions.add(toAction(a)));
        }
        return new CurrentRule(rule.getId(), rule.getDisplayName(), Wire.value(rule.getLifecycleState()),
                Boolean.TRUE.equals(rule.getIsEnabled()), rule.getCondition(), actions);
    }

    private static CurrentRule.Action toAction(Action action) {
        boolean enabled = Boolean.TRUE.equals(action.getIsEnabled());
        if (action instanceof FaaSAction f) {
            return new CurrentRule.Action("FAAS", enabled, nonNull(f.getFunctionId()));
        }
        if (action instanceof NotificationServiceAction n) {
            return new CurrentRule.Action("ONS", enabled, nonNull(n.getTopicId()));
        }
        if (action instanceof StreamingServiceAction s) {
            return new CurrentRule.Action("OSS", enabled, nonNull(s.getStreamId()));
        }
        return new CurrentRule.Action(action.getClass().getSimpleName(), enabled, "");
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
