package io.cmkguard.resource;

import java.util.Optional;

/**
 * Who OCI requires to be allowed to use a Vault key before a resource can be put on it: the Block Volume
 * service itself, or a dynamic group of the databases. Without that grant every key change fails.
 *
 * @param subject     the policy subject, e.g. {@code service blockstorage} or {@code dynamic-group cmk-guard-adb}
 * @param groupMatches for a dynamic group, the resource.type its matching rule selects
 * @param vaultVerb   the verb the subject also needs on vaults, if any (e.g. {@code use} for Autonomous Databases)
 */
public record KeyUser(String subject, Optional<String> groupMatches, Optional<String> vaultVerb) {

    public static final KeyUser BLOCK_STORAGE = new KeyUser("service blockstorage", Optional.empty(), Optional.empty());
    public static final KeyUser AUTONOMOUS_DATABASES = group("cmk-guard-adb", "autonomousdatabase", "use");
    public static final KeyUser DATABASES = group("cmk-guard-db", "database", "read");

    private static KeyUser group(String name, String resourceType, String vaultVerb) {
        return new KeyUser("dynamic-group " + name, Optional.of(resourceType), Optional.of(vaultVerb));
    }

    /** The dynamic group's name, when the subject is one. */
    public Optional<String> groupName() {
        return groupMatches.map(t -> subject.substring("dynamic-group ".length()));
    }

    /** The dynamic group's matching rule for resources in one compartment. */
    public Optional<String> matchingRule(String compartmentId) {
        return groupMatches.map(t -> "ALL {resource.type = '" + t + "', resource.compartment.id = '" + compartmentId + "'}");
    }

    /** The statement without which OCI refuses to put a resource on the key. */
    public String keyStatement(String vaultScope, String keyId) {
        return "Allow " + subject + " to use keys in " + vaultScope + " where target.key.id = '" + keyId + "'";
    }

    /** The statement on the key's vault the subject needs beside the key grant, if any. */
    public Optional<String> vaultStatement(String vaultScope) {
        return vaultVerb.map(verb -> "Allow " + subject + " to " + verb + " vaults in " + vaultScope);
    }
}
