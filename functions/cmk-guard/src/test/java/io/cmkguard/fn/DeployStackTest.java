package io.cmkguard.fn;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.config.Mode;
import io.cmkguard.iam.Compartment;
import io.cmkguard.iam.IamPolicy;
import io.cmkguard.iam.PolicyGenerator;
import io.cmkguard.iam.PolicyRequest;
import io.cmkguard.iam.SweepChainGrants;
import io.cmkguard.config.ContinuationSecret;
import io.cmkguard.config.GuardConfig;
import io.cmkguard.config.SweepChainSettings;
import io.cmkguard.resource.KeyUser;
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
    private static final String REPORT_COMPARTMENT = "<report_compartment_ocid>";
    private static final String REPORT_BUCKET = "<report_bucket_name>";
    private static final String REPORT_KEY_SCOPE = "<report_key_scope>";
    private static final String REPORT_KEY = "<report_key_ocid>";
    /** OCI Functions' longest detached invocation (detachedModeTimeoutInSeconds, at most 3 600 s). */
    private static final int MAX_DETACHED_SECONDS = 3_600;

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
        // what each feature adds, whatever the mode: main.tf adds each block when its variable is on
        added(generated, "metrics", placeholders(Mode.NOTIFY).withMetrics(Compartment.byId(METRICS)));
        added(generated, "selfContinue", placeholders(Mode.NOTIFY).withSweeps(SweepChainGrants.DEFAULT));
        added(generated, "reportBucket", placeholders(Mode.NOTIFY).withSweeps(new SweepChainGrants(false,
                Optional.of(new SweepChainGrants.Bucket(Compartment.byId(REPORT_COMPARTMENT), REPORT_BUCKET)))));
        // and Object Storage may use the bucket's key: the statement a bucket re-keyed by remediation needs
        ((ObjectNode) generated.get("reportBucket")).withArray("statements").add(KeyUser.OBJECT_STORAGE.keyStatement(REPORT_KEY_SCOPE, REPORT_KEY));
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
            assertTrue(main.contains("\"" + m.group() + "\", var.") || main.contains("\"" + m.group() + "\", local."),
                    "main.tf never replaces " + m.group());
        }
    }

    /** The statements a request adds to the same request without its feature (the mode blocks' sweeps). */
    private static void added(ObjectNode generated, String block, PolicyRequest with) {
        List<String> without = PolicyGenerator.generate(placeholders(Mode.NOTIFY)).statements();
        List<String> added = PolicyGenerator.generate(with).statements().stream().filter(st -> !without.contains(st))
                .toList();
        assertFalse(added.isEmpty(), block + " adds no statement");
        added.forEach(generated.putObject(block).withArray("statements")::add);
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

    @Test
    @SuppressWarnings("unchecked")
    void detachedLinksRunAsLongAsTheChainIsSizedFor() throws Exception {
        Map<String, Object> function = resource("oci_functions_function", "cmk_guard");
        int detached = Integer.parseInt(number(function.get("detached_mode_timeout_in_seconds")));
        int synchronous = Integer.parseInt(number(function.get("timeout_in_seconds")));
        assertTrue(detached >= synchronous && detached <= MAX_DETACHED_SECONDS,
                "a detached link gets at least a synchronous call's time, at most OCI's " + MAX_DETACHED_SECONDS + " s: "
                        + detached);
        // SweepChainSettings' default maximum of links is sized as a day of hour-long links (docs/sweep.md)
        assertTrue((long) detached * SweepChainSettings.DEFAULT_MAX_INVOCATIONS >= 86_400,
                "a chain of " + SweepChainSettings.DEFAULT_MAX_INVOCATIONS + " links of " + detached + " s spans less"
                        + " than the day it is sized for");
        String versions = RepoFiles.read(stack().resolve("versions.tf"));
        assertTrue(versions.contains("version = \">= 7.21.0\""), "detached_mode_timeout_in_seconds needs oracle/oci 7.21.0");
    }

    @Test
    void theSweepChainConfigFollowsTheVariablesAndTheFunctionAcceptsIt() throws Exception {
        String main = RepoFiles.read(stack().resolve("main.tf"));
        assertTrue(main.contains("{ " + GuardConfig.CONTINUATION_KEY + " = random_password.continuation_key.result },"));
        assertTrue(main.contains("var.self_continue ? {} : { " + GuardConfig.SWEEP_SELF_CONTINUE + " = \"false\" },"));
        assertTrue(main.contains("var.keep_reports ? { " + GuardConfig.REPORT_BUCKET
                + " = oci_objectstorage_bucket.reports[0].name } : {},"));
        assertTrue(main.contains("self_continue_statements = var.self_continue ? ["), "the fn grants follow var.self_continue");
        assertTrue(main.contains("report_bucket_statements = var.keep_reports ? ["), "the bucket grants follow var.keep_reports");
        Map<String, Object> password = resource("random_password", "continuation_key");
        int length = Integer.parseInt(number(password.get("length")));
        assertTrue(length >= ContinuationSecret.MIN_CHARS, "the continuation key is " + length + " characters long");
        assertEquals(false, password.get("special"), "letters and digits: no quoting surprises in the function config");

        // what the stack sets (its defaults, self_continue off) is a configuration the function takes
        String bucket = String.valueOf(variables().get("report_bucket_name").get("default"));
        GuardConfig config = GuardConfig.fromEnv(Map.of(GuardConfig.TOPIC_ID, "ocid1.onstopic.oc1.iad.aaaa",
                GuardConfig.CONTINUATION_KEY, "k".repeat(length), GuardConfig.SWEEP_SELF_CONTINUE, "false",
                GuardConfig.REPORT_BUCKET, bucket), ResourceTypes.checkedNames());
        assertEquals(Optional.of(bucket), config.chain().reportBucket());
        assertFalse(config.chain().selfContinue());
        assertTrue(config.continuationSecret().current().isPresent());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theReportBucketIsOnACustomerManagedKeyWithARetentionRuleAndOnlyItsObjectsAreGranted() throws Exception {
        String main = RepoFiles.read(stack().resolve("main.tf"));
        Map<String, Object> bucket = resource("oci_objectstorage_bucket", "reports");
        assertTrue(main.contains("count          = var.keep_reports ? 1 : 0"));
        assertTrue(main.contains("name           = var.report_bucket_name"));
        assertEquals("NoPublicAccess", bucket.get("access_type"));
        assertTrue(main.contains("kms_key_id     = local.report_key_ocid"), "the bucket is on the report key");
        assertTrue(main.contains("report_key_ocid = var.report_key_ocid != \"\" ? var.report_key_ocid"
                + " : var.remediation_key_ocid"), "the report key falls back to the remediation key");
        assertTrue(main.contains("condition     = local.report_key_ocid != \"\""), "no bucket without a key");
        Map<String, Object> rule = (Map<String, Object>) bucket.get("retention_rules");
        Map<String, Object> duration = (Map<String, Object>) rule.get("duration");
        assertEquals("DAYS", duration.get("time_unit"));
        assertTrue(main.contains("time_amount = var.report_retention_days"));
        assertFalse(rule.containsKey("time_rule_locked"), "the rule stays unlocked: locking is the owner's choice");
        // OCI refuses a retention rule on a versioned bucket: the rule is what protects the reports
        assertEquals("Disabled", bucket.get("versioning"));
        Map<String, Object> days = variables().get("report_retention_days");
        assertTrue(((Number) days.get("default")).intValue() >= 366, "a kept report outlives a yearly audit");

        // the function may create, read, list and delete that bucket's objects only; Object Storage may use its key
        JsonNode statements = JSON.readTree(stack().resolve("iam.json").toFile()).get("reportBucket").get("statements");
        assertEquals(2, statements.size());
        assertTrue(statements.get(0).asText().contains("manage objects in compartment id " + REPORT_COMPARTMENT
                + " where all {target.bucket.name = '" + REPORT_BUCKET + "',"), statements.get(0).asText());
        assertFalse(statements.get(0).asText().contains("OBJECT_OVERWRITE"), "reports are never overwritten");
        assertTrue(main.contains("\"" + REPORT_BUCKET + "\", var.report_bucket_name)"), "the grant names the bucket");
        assertTrue(main.contains("\"" + REPORT_KEY + "\", local.report_key_ocid)"), "the grant names the bucket's key");
        assertTrue(main.contains("depends_on = [oci_identity_policy.cmk_guard]"), "the key grant exists first");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(String type, String name) throws Exception {
        Map<String, Object> resources = (Map<String, Object>)
                parser().parse(stack().resolve("main.tf").toFile(), "UTF-8", false).get("resource");
        return ((Map<String, Map<String, Object>>) resources.get(type)).get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> variables() throws Exception {
        return (Map<String, Map<String, Object>>)
                parser().parse(stack().resolve("variables.tf").toFile(), "UTF-8", false).get("variable");
    }

    /** The generator's input with the placeholders main.tf replaces, every resource type. */
    private static PolicyRequest placeholders(Mode mode) {
        boolean remediate = mode == Mode.REMEDIATE;
        return new PolicyRequest(GUARDED, FUNCTION, mode, ResourceTypes.ALL,
                remediate ? Optional.of(Compartment.byId(VAULT)) : Optional.empty(),
                remediate ? Optional.of(KEY) : Optional.empty(), Optional.of(Compartment.byId(TOPIC)))
                .withSweeps(new SweepChainGrants(false, Optional.empty())); // each sweep grant is its own block
    }

    private static String number(Object value) {
        return value instanceof Number n ? String.valueOf(n.intValue()) : String.valueOf(value);
    }
}
