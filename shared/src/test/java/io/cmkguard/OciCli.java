package io.cmkguard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OCI CLI's real command groups, subcommands and options for every command cmk-guard prints, so a
 * typo or a renamed option fails the build. Sources (read 2026-11-25):
 * <ul>
 * <li>oracle/oci-cli services/core/src/oci_cli_blockstorage/generated/blockstorage_cli.py and
 *     blockstorage_cli_extended.py ({@code bv volume-kms-key update}, {@code bv boot-volume-kms-key update},
 *     {@code bv backup update}, {@code bv boot-volume-backup update}, {@code bv volume update},
 *     {@code bv boot-volume update}: the replica list options, and {@code --force} to skip the prompt when a
 *     list option replaces the current list);</li>
 * <li>oracle/oci-cli services/database/src/oci_cli_database/generated/database_cli.py and
 *     database_cli_extended.py; CLI reference docs.oracle.com/iaas/tools/oci-cli/latest/oci_cli_docs/cmdref/
 *     db/autonomous-database/configure-key.html, db/database/migrate-vault-key.html; the options match the
 *     SDK models ConfigureAutonomousDatabaseVaultKeyDetails (kmsKeyId, vaultId, isUsingOracleManagedKeys),
 *     UpdateAutonomousDatabaseDetails.isRefreshableClone and MigrateVaultKeyDetails (kmsKeyId,
 *     kmsKeyVersionId, vaultId, adminPassword, tdeWalletPassword) of OCI Java SDK 3.55.1;</li>
 * <li>oracle/oci-cli services/key_management (kms management key enable / cancel-deletion /
 *     change-compartment, key-version cancel-deletion, vault cancel-deletion); cmdref
 *     kms/management/key-version/schedule-deletion.html: "The top level --endpoint parameter must be supplied
 *     for this operation" (the vault's management endpoint).</li>
 * <li>oracle/oci-cli services/object_storage/src/oci_cli_object_storage/generated/objectstorage_cli.py
 *     ({@code os bucket update}: --namespace-name and --bucket-name required, --kms-key-id; {@code os bucket
 *     reencrypt}: --namespace-name, --bucket-name) and services/file_storage/.../generated/filestorage_cli.py
 *     ({@code fs file-system update}: --file-system-id required, --kms-key-id), read 2026-12-06.</li>
 * <li>oracle/oci-cli services/key_management/src/oci_cli_kms_management/generated/kmsmanagement_cli.py and
 *     kms_management_cli_extended.py (read 2026-12-06): rotation is {@code kms management key-version create}
 *     (--key-id, --external-key-version-id; the CLI has no {@code key rotate}); {@code kms management key update}
 *     takes --is-auto-rotation-enabled, --auto-key-rotation-details (SDK AutoKeyRotationDetails) and --force
 *     to skip the prompt when the details replace the current ones.</li>
 * </ul>
 */
public final class OciCli {
    /** Options every command accepts (top-level and generic ones). */
    private static final Set<String> GLOBAL = Set.of("--endpoint", "--profile", "--region", "--config-file",
            "--if-match", "--from-json", "--wait-for-state", "--max-wait-seconds", "--wait-interval-seconds");

    private record Command(Set<String> required, Set<String> optional) {
    }

    private static final Map<String, Command> COMMANDS = Map.ofEntries(
            Map.entry("bv volume-kms-key update", new Command(Set.of("--volume-id"), Set.of("--kms-key-id"))),
            Map.entry("bv boot-volume-kms-key update", new Command(Set.of("--boot-volume-id"), Set.of("--kms-key-id"))),
            Map.entry("bv backup update", new Command(Set.of("--volume-backup-id"),
                    Set.of("--kms-key-id", "--display-name", "--freeform-tags", "--defined-tags"))),
            Map.entry("bv boot-volume-backup update", new Command(Set.of("--boot-volume-backup-id"),
                    Set.of("--kms-key-id", "--display-name", "--freeform-tags", "--defined-tags"))),
            Map.entry("bv volume update", new Command(Set.of("--volume-id"),
                    Set.of("--block-volume-replicas", "--force", "--display-name", "--size-in-gbs", "--vpus-per-gb"))),
            Map.entry("bv boot-volume update", new Command(Set.of("--boot-volume-id"),
                    Set.of("--boot-volume-replicas", "--force", "--display-name", "--size-in-gbs", "--vpus-per-gb"))),
            Map.entry("db autonomous-database configure-key", new Command(Set.of("--autonomous-database-id"),
                    Set.of("--kms-key-id", "--vault-id", "--is-using-oracle-managed-keys"))),
            Map.entry("db autonomous-database update", new Command(Set.of("--autonomous-database-id"),
                    Set.of("--is-refreshable-clone", "--refreshable-mode", "--display-name"))),
            Map.entry("db database migrate-vault-key", new Command(Set.of("--database-id", "--kms-key-id"),
                    Set.of("--vault-id", "--kms-key-version-id", "--admin-password", "--tde-wallet-password"))),
            Map.entry("kms management key enable", new Command(Set.of("--key-id", "--endpoint"), Set.of())),
            Map.entry("kms management key cancel-deletion", new Command(Set.of("--key-id", "--endpoint"), Set.of())),
            Map.entry("kms management key change-compartment", new Command(
                    Set.of("--key-id", "--compartment-id", "--endpoint"), Set.of())),
            Map.entry("kms management key-version cancel-deletion", new Command(
                    Set.of("--key-id", "--key-version-id", "--endpoint"), Set.of())),
            Map.entry("kms management vault cancel-deletion", new Command(Set.of("--vault-id"), Set.of())),
            Map.entry("os bucket update", new Command(Set.of("--namespace-name", "--bucket-name"),
                    Set.of("--kms-key-id", "--compartment-id", "--is-bucket-key-enabled"))),
            Map.entry("os bucket reencrypt", new Command(Set.of("--namespace-name", "--bucket-name"),
                    Set.of("--is-reencrypt-bucket-key-only"))),
            Map.entry("fs file-system update", new Command(Set.of("--file-system-id"),
                    Set.of("--kms-key-id", "--display-name"))),
            Map.entry("kms management key-version create", new Command(Set.of("--key-id", "--endpoint"),
                    Set.of("--external-key-version-id"))),
            Map.entry("kms management key update", new Command(Set.of("--key-id", "--endpoint"),
                    Set.of("--is-auto-rotation-enabled", "--auto-key-rotation-details", "--display-name",
                            "--freeform-tags", "--defined-tags", "--force"))));

    private OciCli() {
    }

    /** Checks every command of a line (commands joined with {@code &&}) against the table. */
    public static void check(String line) {
        List<String> command = new ArrayList<>();
        for (Word word : words(line)) {
            if (word.operator()) {
                assertEquals("&&", word.text(), "only && may join printed commands: " + line);
                checkOne(command, line);
                command = new ArrayList<>();
            } else {
                command.add(word.text());
            }
        }
        checkOne(command, line);
    }

    private static void checkOne(List<String> words, String line) {
        assertTrue(!words.isEmpty(), "an empty command: " + line);
        assertEquals("oci", words.get(0), "not an oci command: " + line);
        int firstOption = 1;
        while (firstOption < words.size() && !words.get(firstOption).startsWith("--")) {
            firstOption++;
        }
        String path = String.join(" ", words.subList(1, firstOption));
        Command known = COMMANDS.get(path);
        if (known == null) {
            fail("'oci " + path + "' is not in the OCI CLI table (OciCli): " + line);
        }
        List<String> options = words.subList(firstOption, words.size()).stream()
                .filter(w -> w.startsWith("--")).toList();
        for (String option : options) {
            assertTrue(known.required().contains(option) || known.optional().contains(option)
                    || GLOBAL.contains(option), "'oci " + path + "' has no option " + option + ": " + line);
        }
        for (String required : known.required()) {
            assertTrue(options.contains(required), "'oci " + path + "' needs " + required + ": " + line);
        }
    }

    /** A shell word after quote removal, or an unquoted control operator such as {@code &&}. */
    public record Word(String text, boolean operator) {
    }

    /**
     * Splits a line as a POSIX shell would, for the quoting cmk-guard prints: single quotes (nothing
     * inside is special), a backslash outside quotes; any other character a shell treats specially
     * outside quotes ($, `, ", ;, |, &amp; but in {@code &&}, &lt;, &gt;, (, ), *, ?, [, ~, #, =) fails the
     * check: a printed command must quote it.
     */
    public static List<Word> words(String line) {
        List<Word> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                assertTrue(close > 0, "unbalanced quote: " + line);
                word.append(line, i + 1, close);
                inWord = true;
                i = close;
            } else if (c == '\\') {
                assertTrue(i + 1 < line.length(), "a trailing backslash: " + line);
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == ' ') {
                if (inWord) {
                    words.add(new Word(word.toString(), false));
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '&' && !inWord && line.startsWith("&& ", i)) {
                words.add(new Word("&&", true));
                i++;
            } else {
                assertTrue("$`\";|&<>()*?[]~#={}!\n\t\r".indexOf(c) < 0,
                        "'" + c + "' outside quotes at " + i + ": " + line);
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(new Word(word.toString(), false));
        }
        return words;
    }
}
