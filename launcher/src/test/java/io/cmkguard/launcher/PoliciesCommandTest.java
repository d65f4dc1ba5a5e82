package io.cmkguard.launcher;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoliciesCommandTest {
    private static final String C = "ocid1.compartment.oc1..prod";

    @Test
    void remediatePrintsTheGroupsTheFunctionGrantsAndTheServiceGrants() {
        Cli cli = Cli.run("policies", "--compartment", C, "--mode", "remediate", "--types", "block-volume,autonomous-database",
                "--vault-compartment", "Security", "--key-id", "ocid1.key.oc1.iad.v.k", "--topic-compartment", "Ops");
        assertEquals(0, cli.status, cli.toString());
        assertTrue(cli.out.contains("cmk-guard-fn: ALL {resource.type = 'fnfunc', resource.compartment.id = '" + C + "'}"));
        assertTrue(cli.out.contains("cmk-guard-adb: ALL {resource.type = 'autonomousdatabase'"), cli.out);
        assertTrue(cli.out.contains("Allow dynamic-group cmk-guard-fn to use ons-topics in compartment Ops\n"), cli.out);
        assertTrue(cli.out.contains("Allow service blockstorage to use keys in compartment Security where target.key.id"
                + " = 'ocid1.key.oc1.iad.v.k'\n"), cli.out);
        assertFalse(cli.out.contains("database-family"), cli.out);
    }

    @Test
    void auditPrintsNoWriteGrant() {
        Cli cli = Cli.run("policies", "--compartment", C, "--mode", "audit");
        assertEquals(0, cli.status, cli.toString());
        assertTrue(cli.out.contains("to read volumes in compartment id " + C), cli.out);
        assertFalse(cli.out.contains(" to use "), cli.out);
        assertFalse(cli.out.contains(" to manage "), cli.out);
    }

    @Test
    void aMetricsCompartmentAddsTheGrantToPostCmkGuardsMetricsThere() {
        Cli cli = Cli.run("policies", "--compartment", C, "--mode", "audit", "--metrics-compartment", "Ops");
        assertEquals(0, cli.status, cli.toString());
        assertTrue(cli.out.contains("Allow dynamic-group cmk-guard-fn to use metrics in compartment Ops where"
                + " target.metrics.namespace='cmk_guard'\n"), cli.out);
        assertFalse(Cli.run("policies", "--compartment", C).out.contains("metrics"));
    }

    @Test
    void mistakesAreUsageErrors() {
        for (String[] args : new String[][] {
                {"policies"},
                {"policies", "--compartment", C, "--mode", "fix"},
                {"policies", "--compartment", C, "--mode", "remediate"},
                {"policies", "--compartment", C, "--types", "vault-secret"},
                {"policies", "--compartment", C, "--key-id", "ocid1.key.oc1.iad.v.k", "--vault-compartment", "S"},
                {"policies", "--compartment", "ocid1.key.oc1.iad.v.k"},
                {"policies", "--compartment", C, "--metrics-compartment"}}) {
            Cli cli = Cli.run(args);
            assertEquals(2, cli.status, String.join(" ", args) + "\n" + cli);
            assertEquals("", cli.out);
        }
    }
}
