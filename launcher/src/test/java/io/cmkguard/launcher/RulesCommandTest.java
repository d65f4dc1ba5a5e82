package io.cmkguard.launcher;

import com.oracle.bmc.http.client.pki.Pem;
import io.cmkguard.emulator.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/cmk-guard rules against an emulator world (--world): the real Events client, signed requests. */
class RulesCommandTest {
    private static final String COMPARTMENT = "ocid1.compartment.oc1..prod";
    private static final String FN = "ocid1.fnfunc.oc1.iad.guard";

    /** A world whose database rule is disabled and points at an old function; no block-storage or vault-keys rule. */
    private static String world(Path dir) throws Exception {
        String condition = "{\\\"eventType\\\":[\\\"com.oraclecloud.databaseservice.createdatabase.end\\\"]}";
        Path file = dir.resolve("world.json");
        Files.writeString(file, """
                {"rules": [{"id": "ocid1.eventrule.oc1.iad.db", "displayName": "cmk-guard-database",
                  "compartmentId": "%s", "lifecycleState": "ACTIVE", "isEnabled": false, "condition": "%s",
                  "actions": {"actions": [{"actionType": "FAAS", "id": "ocid1.eventaction.oc1.iad.a",
                    "lifecycleState": "ACTIVE", "isEnabled": true, "functionId": "ocid1.fnfunc.oc1.iad.old"}]}}]}
                """.formatted(COMPARTMENT, condition));
        return file.toString();
    }

    private static Cli rules(String action, String world) {
        return Cli.run("rules", action, "--compartment", COMPARTMENT, "--function-id", FN, "--world", world);
    }

    @Test
    void planShowsADiffOfWhatApplyWouldCreateAndChange(@TempDir Path dir) throws Exception {
        Cli cli = rules("plan", world(dir));
        assertEquals(0, cli.status, cli.toString());
        assertTrue(cli.out.contains("+ create cmk-guard-block-storage\n    + enabled\n"
                + "    + event type com.oraclecloud.blockvolumes.changebootvolumebackupcompartment\n"), cli.out);
        assertTrue(cli.out.contains("~ update cmk-guard-database (ocid1.eventrule.oc1.iad.db)\n    - disabled\n"
                + "    + enabled\n"), cli.out);
        assertTrue(cli.out.contains("    - action FAAS -> ocid1.fnfunc.oc1.iad.old\n    + action FAAS -> " + FN), cli.out);
        assertTrue(cli.out.contains("+ create cmk-guard-storage\n"), cli.out);
        assertTrue(cli.out.contains("+ create cmk-guard-vault-keys\n"), cli.out);
        assertTrue(cli.out.endsWith("Plan: 3 to create, 1 to change, 0 in place.\n"), cli.out);
    }

    @Test
    void checkListsEveryProblemAndExits1(@TempDir Path dir) throws Exception {
        Cli cli = rules("check", world(dir));
        assertEquals(1, cli.status, cli.toString());
        assertTrue(cli.out.startsWith("cmk-guard-block-storage: missing: no rule named cmk-guard-block-storage\n"
                + "cmk-guard-database: disabled\ncmk-guard-database: drifted: the condition lacks "), cli.out);
        assertTrue(cli.out.contains("cmk-guard-database: wrong function: an action invokes ocid1.fnfunc.oc1.iad.old"),
                cli.out);
        assertTrue(cli.out.contains("cmk-guard-storage: missing: no rule named cmk-guard-storage\n"), cli.out);
        assertTrue(cli.out.contains("cmk-guard-vault-keys: missing: no rule named cmk-guard-vault-keys\n"), cli.out);
        assertTrue(cli.out.endsWith("6 problems: run 'cmk-guard rules apply' with the same options to fix them.\n"),
                cli.out);
    }

    @Test
    void applyCreatesAndFixes(@TempDir Path dir) throws Exception {
        Cli cli = rules("apply", world(dir));
        assertEquals(0, cli.status, cli.toString());
        assertTrue(cli.out.endsWith("Applied: 3 created, 1 updated.\n"), cli.out);
    }

    @Test
    void checkOfAnEmptyCompartmentFails(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "{}");
        Cli cli = rules("check", empty.toString());
        assertEquals(1, cli.status, cli.toString());
        assertTrue(cli.out.contains("4 problems"), cli.out);
    }

    @Test
    void swappedOcidsAreUsageErrors() {
        Cli cli = Cli.run("rules", "check", "--compartment", FN, "--function-id", COMPARTMENT, "--world", Cli.demoWorld());
        assertEquals(2, cli.status, cli.toString());
        assertTrue(cli.err.startsWith("cmk-guard rules check: --compartment must be an OCID of a compartment or tenancy"), cli.err);
    }

    @Test
    void aMissingConfigFileIsAUsageErrorNamingTheWayOut(@TempDir Path dir) {
        Cli cli = Cli.run("rules", "check", "--compartment", COMPARTMENT, "--function-id", FN,
                "--config-file", dir.resolve("none").toString());
        assertEquals(2, cli.status, cli.toString());
        assertTrue(cli.err.contains("--config-file"), cli.err);
    }

    /** Issue 18: the laptop's own OCI config, with an encrypted key_file and a wrong pass_phrase. */
    @Test
    void aWrongPassPhraseIsAUsageErrorNamingPassPhraseAndKeyFile(@TempDir Path dir) throws Exception {
        SigningKeys keys = SigningKeys.generate();
        Path keyFile = dir.resolve("key.pem");
        Files.write(keyFile, Pem.encoder().with(Pem.Format.LEGACY).with(Pem.Encryption.builder().keySize(256)
                .iv(new SecureRandom().generateSeed(16)).passphrase("the-right-one".toCharArray()).build())
                .encode(keys.privateKey()));
        Path config = dir.resolve("config");
        Files.writeString(config, "[DEFAULT]\nuser=" + SigningKeys.USER + "\nfingerprint=" + keys.fingerprint()
                + "\ntenancy=" + SigningKeys.TENANCY + "\nregion=us-ashburn-1\nkey_file=" + keyFile
                + "\npass_phrase=not-the-right-one\n");
        Cli cli = Cli.run("rules", "check", "--compartment", COMPARTMENT, "--function-id", FN,
                "--config-file", config.toString());
        assertEquals(2, cli.status, cli.toString());
        assertTrue(cli.err.contains("pass_phrase is not the pass phrase key_file is encrypted with"), cli.err);
        assertTrue(!cli.err.contains("not-the-right-one") && !cli.err.contains("IllegalArgumentException"), cli.err);
    }
}
