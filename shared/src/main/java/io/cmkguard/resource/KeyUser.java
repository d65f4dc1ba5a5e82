package io.cmkguard.resource;

import io.cmkguard.util.Ocid;

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
    /**
     * Placeholders of a subject that the key's OCID fills in: its region (us-ashburn-1; the Terraform stack
     * fills in its own region) and its realm's number (oc1 when the key does not say: the commercial realm).
     */
    static final String REGION = "<region>";
    static final String REALM_NUMBER = "<realm_number>";

    public static final KeyUser BLOCK_STORAGE = new KeyUser("service blockstorage", Optional.empty(), Optional.empty());
    public static final KeyUser AUTONOMOUS_DATABASES = group("cmk-guard-adb", "autonomousdatabase", "use");
    public static final KeyUser DATABASES = group("cmk-guard-db", "database", "read");
    /** Object Storage is a service per region: objectstorage-us-ashburn-1 and so on (the key's own region). */
    public static final KeyUser OBJECT_STORAGE = new KeyUser("service objectstorage-" + REGION, Optional.empty(),
            Optional.empty());
    /** File Storage's service principal is named per realm: FssOc1Prod in the commercial realm oc1. */
    public static final KeyUser FILE_STORAGE = new KeyUser("service FssOc" + REALM_NUMBER + "Prod", Optional.empty(),
            Optional.empty());

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

    /** The subject for one key: a regional or per-realm service name filled in from the key's OCID. */
    public String subjectFor(String keyId) {
        Optional<Ocid> key = Ocid.parse(keyId);
        return subject.replace(REGION, key.flatMap(Ocid::regionId).orElse(REGION))
                .replace(REALM_NUMBER, key.map(Ocid::realm).filter(r -> r.matches("oc\\d+"))
                        .map(r -> r.substring(2)).orElse("1"));
    }

    /** The statement without which OCI refuses to put a resource on the key. */
    public String keyStatement(String vaultScope, String keyId) {
        return "Allow " + subjectFor(keyId) + " to use keys in " + vaultScope + " where target.key.id = '" + keyId
                + "'";
    }

    /** The statement on the key's vault the subject needs beside the key grant, if any. */
    public Optional<String> vaultStatement(String vaultScope) {
        return vaultVerb.map(verb -> "Allow " + subject + " to " + verb + " vaults in " + vaultScope);
    }
}
