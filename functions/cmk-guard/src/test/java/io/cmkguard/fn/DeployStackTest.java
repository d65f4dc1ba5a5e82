package io.cmkguard.fn;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.config.Mode;
import io.cmkguard.iam.Compartment;
import io.cmkguard.iam.IamPolicy;
import io.cmkguard.iam.PolicyGenerator;
import io.cmkguard.iam.PolicyRequest;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.metrics.MonitoringRules;
import io.cmkguard.metrics.PostureGauges;
import io.cmkguard.resource.type.ResourceTypes;
import io.cmkguard.rules.EventRules;
import io.cmkguard.rules.ExpectedRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Terraform / Resource Manager stack in deploy/terraform cannot be applied here (no tenancy): check it by
 * reading. Every .tf parses (hcl4j), every variable is used, described and on the Resource Manager form, the
 * function is sized as func.yaml, the policy comes from iam.json which must equal what the code generates
 * (regenerate: {@code -Dcmkguard.writeStack=true}), and the Events rules come from events/rules.
 */
class DeployStackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The placeholders iam.json uses; main.tf replaces each with a variable. */
    private static final String GUARDED = "<guarded_compartment_ocid>";
    private static final String FUNCTION = "<function_compartment_ocid>";
    private static final String TOPIC = "<topic_compartment_ocid>";
    private static final String VAULT = "<vault_compartment_ocid>";
    private static final String KEY = "<remediation_key_ocid>";
    private static final String METRICS = "<metrics_compartment_ocid>";

    private static Path stack() {
        return RepoFiles.root().resolve("deploy/terraform");
    }

    static Stream<Path> terraformFiles() throws IOException {
        try (Stream<Path> files = Files.list(stack())) {
            return files.filter(f -> f.toString().endsWith(".tf")).sorted().toList().stream();
        }
    }

    private static String allTerraform() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path f : terraformFiles().toList()) {
            text.append(Files.readString(f)).append('\n');
        }
        return text.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("terraformFiles")
    void everyTerraformFileParses(Path file) throws Exception {
        Map<String, Object> parsed = parser().parse(file.toFile(), "UTF-8", false);
        assertFalse(parsed.isEmpty(), file + " parsed to nothing");
    }

    @Test
    void theParserRejectsBrokenSyntaxSoThatParsingMeansSomething() {
        assertThrows(Exception.class, () -> parser().parse("resource \"a\" \"b\" {\n  x = = 1\n}\n", false));
    }

    /**
     * hcl4j evaluates expressions as it parses: it gets the stack's variables and path.module, and stand-ins
     * for the Terraform functions it lacks (file reads what exists; for_each's each.value stays unevaluated).
     */
    private static HCLParser parser() {
        HCLParser parser = new HCLParser();
        parser.registerFunction("file", args -> {
            Path file = modulePath(args.get(0));
            return Files.isRegularFile(file) ? RepoFiles.read(file) : "";
        });
        parser.registerFunction("fileexists", args -> Files.isRegularFile(modulePath(args.get(0))));
        parser.registerFunction("fileset", args -> RepoFiles.jsonFiles(stack().relativize(modulePath(args.get(0)))
                .normalize().toString().replace("../../", "")).stream().map(f -> f.getFileName().toString()).toList());
        parser.registerFunction("merge", args -> {
            Map<Object, Object> merged = new java.util.LinkedHashMap<>();
            args.forEach(m -> merged.putAll((Map<?, ?>) m));
            return merged;
        });
        parser.registerFunction("toset", args -> args.get(0));
        parser.registerFunction("trimsuffix", args -> String.valueOf(args.get(0))
                .replaceAll(Pattern.quote(String.valueOf(args.get(1))) + "$", ""));
        parser.setVariable("path", Map.of("module", stack().toString()));
        parser.setVariable("var", Map.of("mode", "notify"));
        return parser;
    }

    private static Path modulePath(Object text) {
        return Path.of(String.valueOf(text).replace("path.module", stack().toString()));
    }

    @Test
    void everyVariableIsDescribedUsedAndOnTheForm() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> variables = (Map<String, Map<String, Object>>)
                parser().parse(stack().resolve("variables.tf").toFile(), "UTF-8", false).get("variable");
        String terraform = allTerraform();
        String form = RepoFiles.read(stack().resolve("schema.yaml"));
        for (var variable : variables.entrySet()) {
            String name = variable.getKey();
            assertFalse(String.valueOf(variable.getValue().get("description")).isBlank(), name + " lacks a description");
            assertTrue(terraform.contains("var." + name), name + " is declared but never used");
            assertTrue(form.contains("\n  " + name + ":\n"), "schema.yaml does not describe " + name);
            assertTrue(form.contains("\n      - " + name + "\n"), "schema.yaml puts " + name + " in no group");
        }
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("var\\.([a-z_]+)").matcher(terraform);
        while (m.find()) {
            used.add(m.group(1));
        }
        used.removeAll(variables.keySet());
        assertEquals(Set.of(), used, "used but not declared");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFunctionIsSizedAsFuncYaml() throws Exception {
        Map<String, Object> resources = (Map<String, Object>)
                parser().parse(stack().resolve("main.tf").toFile(), "UTF-8", false).get("resource");
        Map<String, Object> function = ((Map<String, Map<String, Object>>) resources.get("oci_functions_function"))
                .get("cmk_guard");
        String funcYaml = RepoFiles.read(RepoFiles.root().resolve("func.yaml"));
        assertTrue(funcYaml.contains("\nmemory: " + number(function.get("memory_in_mbs")) + "\n"), funcYaml);
        assertTrue(funcYaml.contains("\ntimeout: " + number(function.get("timeout_in_seconds")) + "\n"), funcYaml);
    }

    @Test
    void thePolicyIsWhatTheCodeGeneratesForEveryMode() throws Exception {
        ObjectNode generated = JSON.createObjectNode();
        for (Mode mode : Mode.values()) {
            IamPolicy policy = PolicyGenerator.generate(placeholders(mode));
            ObjectNode entry = generated.putObject(mode.label());
            policy.dynamicGroups().forEach(g -> entry.withArray("dynamicGroups").addObject()
                    .put("name", g.name()).put("matchingRule", g.matchingRule()));
            policy.statements().forEach(entry.withArray("statements")::add);
        }
        // what posture metrics add, whatever the mode: main.tf adds them when var.posture_metrics is on
        List<String> without = PolicyGenerator.generate(placeholders(Mode.NOTIFY)).statements();
        PolicyGenerator.generate(placeholders(Mode.NOTIFY).withMetrics(Compartment.byId(METRICS))).statements().stream()
                .filter(st -> !without.contains(st)).forEach(generated.putObject("metrics").withArray("statements")::add);
        Path file = stack().resolve("iam.json");
        // one statement per line, so that a change of the code is a one-line diff
        var printer = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        String text = JSON.writer(printer).writeValueAsString(generated) + "\n";
        if (Boolean.getBoolean("cmkguard.writeStack")) {
            Files.writeString(file, text);
        }
        assertEquals(generated, JSON.readTree(file.toFile()), "regenerate iam.json with -Dcmkguard.writeStack=true");

        String main = RepoFiles.read(stack().resolve("main.tf"));
        Matcher m = Pattern.compile("<[a-z_]+>").matcher(text);
        while (m.find()) {
            assertTrue(main.contains("\"" + m.group() + "\", var."), "main.tf never replaces " + m.group());
        }
    }

    @Test
    void theEventsRulesAreTheGeneratedRuleFilesNamedAsTheRulesCommandNamesThem() throws Exception {
        String main = RepoFiles.read(stack().resolve("main.tf"));
        assertTrue(main.contains("\"${path.module}/../../events/rules\""), "the rules come from events/rules");
        assertTrue(main.contains("condition      = file(\"${local.rules_dir}/${each.value}\")"));
        assertTrue(main.contains("display_name   = \"cmk-guard-${trimsuffix(each.value, \".json\")}\""));
        for (ExpectedRule rule : EventRules.expected()) {
            assertEquals("cmk-guard-" + rule.fileName().replace(".json", ""), rule.displayName());
            assertTrue(Files.isRegularFile(RepoFiles.root().resolve("events/rules").resolve(rule.fileName())));
        }
        assertTrue(main.contains("action_type = \"FAAS\""));
    }

    @Test
    void theDailySweepSendsTheSweepBodyForTheGuardedCompartment() {
        String main = RepoFiles.read(stack().resolve("main.tf"));
        assertTrue(main.contains("parameter_type = \"BODY\""));
        assertTrue(main.contains("value          = jsonencode({ sweep = { compartmentId = var.guarded_compartment_ocid } })"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void postureMetricsSetTheConfigKeyGrantPostingAndAddTheTwoAlarmsOnTheTopicOnlyWhenOn() throws Exception {
        String main = RepoFiles.read(stack().resolve("main.tf"));
        assertTrue(main.contains("var.posture_metrics ? { " + GuardConfig.METRICS_COMPARTMENT + " = var.compartment_ocid }"
                + " : {}"), "the function config key follows var.posture_metrics");
        assertTrue(main.contains("metrics_statements = var.posture_metrics ? ["), "the grant follows var.posture_metrics");
        Map<String, Object> resources = (Map<String, Object>)
                parser().parse(stack().resolve("main.tf").toFile(), "UTF-8", false).get("resource");
        Map<String, Map<String, Object>> alarms = (Map<String, Map<String, Object>>) resources.get("oci_monitoring_alarm");
        assertEquals(Set.of("not_on_cmk", "no_completed_sweep"), alarms.keySet());
        for (Map<String, Object> alarm : alarms.values()) {
            assertEquals(MonitoringRules.NAMESPACE, alarm.get("namespace"));
            assertEquals("1m", alarm.get("resolution")); // the only resolution alarms take
            assertTrue(main.contains("destinations          = [oci_ons_notification_topic.findings.id]"));
            String pending = String.valueOf(alarm.get("pending_duration"));
            assertTrue(pending.matches("PT([1-9]|[1-5][0-9])M|PT1H"), "pending duration PT1M..PT1H: " + pending);
        }
        // the queries name what the code posts: metric names, dimensions and the "all" totals
        String notOnCmk = String.valueOf(alarms.get("not_on_cmk").get("query"));
        assertTrue(notOnCmk.startsWith(PostureGauges.RESOURCES_NOT_ON_CMK + "[1d]{"), notOnCmk);
        for (String dimension : List.of(PostureGauges.SCOPE + " = ", PostureGauges.RESOURCE_TYPE + " = \"" + PostureGauges.ALL
                + "\"", PostureGauges.COMPARTMENT_ID + " = \"" + PostureGauges.ALL + "\"")) {
            assertTrue(notOnCmk.contains(dimension), dimension + " in " + notOnCmk);
        }
        assertTrue(notOnCmk.endsWith("}.last() > 0"), notOnCmk);
        String absent = String.valueOf(alarms.get("no_completed_sweep").get("query"));
        assertTrue(absent.startsWith(PostureGauges.SWEEP_COMPLETED + "[1d]{"), absent);
        assertTrue(absent.endsWith(".groupBy(" + PostureGauges.SCOPE + ").absent(3d)"), absent);
        assertEquals("PT1H", alarms.get("no_completed_sweep").get("pending_duration"));
        assertTrue(main.contains("metrics_scope = \"scope = \\\"${var.guarded_compartment_ocid}\\\"\""),
                "the alarms watch the scheduled sweep's scope, the guarded compartment");
    }

    /** The generator's input with the placeholders main.tf replaces, every resource type. */
    private static PolicyRequest placeholders(Mode mode) {
        boolean remediate = mode == Mode.REMEDIATE;
        return new PolicyRequest(GUARDED, FUNCTION, mode, ResourceTypes.ALL,
                remediate ? Optional.of(Compartment.byId(VAULT)) : Optional.empty(),
                remediate ? Optional.of(KEY) : Optional.empty(), Optional.of(Compartment.byId(TOPIC)));
    }

    private static String number(Object value) {
        return value instanceof Number n ? String.valueOf(n.intValue()) : String.valueOf(value);
    }
}
