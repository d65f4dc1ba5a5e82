package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A large world for sweep tests and benchmarks: a tenancy with a tree of ACTIVE compartments (and one
 * DELETED), and in every compartment the same number of volumes, boot volumes, volume backups, boot
 * volume backups, autonomous databases, databases (under one DB home), pluggable databases, buckets and file
 * systems (over two availability domains). Buckets are known by their path /n/{namespace}/b/{name}. Each
 * resource's fate is drawn from a seeded random: TERMINATED, on the Oracle-managed key (or a wallet),
 * exempt by tag, or on the world's Vault key. The fates are kept, so tests know the answer.
 */
public final class GeneratedWorld {
    public static final String TENANCY = "ocid1.tenancy.oc1..generated";
    public static final String VAULT = "ocid1.vault.oc1.iad.genvault.vault";
    public static final String KEY = "ocid1.key.oc1.iad.genvault.key";
    public static final String TOPIC = "ocid1.onstopic.oc1.iad.generated";
    public static final String DELETED_COMPARTMENT = "ocid1.compartment.oc1..generated-deleted";
    public static final String EXEMPT_TAG = "cmk-guard-exempt";
    /** The tenancy's Object Storage namespace. */
    public static final String NAMESPACE = "generated";
    /** File systems are spread over these, so a sweep must list each availability domain. */
    public static final List<String> AVAILABILITY_DOMAINS = List.of("Uocm:US-ASHBURN-AD-1", "Uocm:US-ASHBURN-AD-2");
    /** The collections that hold checked resources, in the order they are generated. */
    public static final List<String> CHECKED = List.of("volumes", "bootVolumes", "volumeBackups",
            "bootVolumeBackups", "autonomousDatabases", "autonomousContainerDatabases", "databases",
            "pluggableDatabases", "buckets", "fileSystems");

    /** What a generated resource is. */
    public enum Fate { TERMINATED, ORACLE_MANAGED, EXEMPT, CUSTOMER_MANAGED }

    private final World world;
    private final List<String> compartments;
    private final Map<String, Map<String, Fate>> fates;

    private GeneratedWorld(World world, List<String> compartments, Map<String, Map<String, Fate>> fates) {
        this.world = world;
        this.compartments = compartments;
        this.fates = fates;
    }

    /**
     * @param depth   levels of compartments below the tenancy
     * @param width   children per compartment
     * @param perType resources of each checked collection per compartment (at least 2)
     */
    public static GeneratedWorld generate(int depth, int width, int perType, long seed) {
        if (perType < 2) {
            throw new IllegalArgumentException("perType must be at least 2 (each compartment's first two"
                    + " databases are the pluggable databases' containers): " + perType);
        }
        return new Builder(new Random(seed), perType).build(depth, width);
    }

    public World world() {
        return world;
    }

    /** The tenancy, then every ACTIVE compartment below it. */
    public List<String> compartments() {
        return compartments;
    }

    /** Every generated resource of a collection and its fate, in generation order. */
    public Map<String, Fate> fates(String collection) {
        return fates.getOrDefault(collection, Map.of());
    }

    /** The ids of a collection's resources with one of the given fates. */
    public List<String> ids(String collection, Fate... wanted) {
        List<Fate> wantedList = List.of(wanted);
        return fates(collection).entrySet().stream().filter(e -> wantedList.contains(e.getValue()))
                .map(Map.Entry::getKey).toList();
    }

    /** Every live (not TERMINATED) resource of every checked collection. */
    public int liveCount() {
        return CHECKED.stream().mapToInt(c -> ids(c, Fate.ORACLE_MANAGED, Fate.EXEMPT, Fate.CUSTOMER_MANAGED).size())
                .sum() + 1; // and the one Vault key, which sweeps judge too (vault-key)
    }

    private static final class Builder {
        private final Random random;
        private final int perType;
        private final ObjectNode json = Json.object();
        private final List<String> compartments = new ArrayList<>();
        private final Map<String, Map<String, Fate>> fates = new LinkedHashMap<>();

        Builder(Random random, int perType) {
            this.random = random;
            this.perType = perType;
        }

        GeneratedWorld build(int depth, int width) {
            json.put("namespace", NAMESPACE);
            ObjectNode vault = add("vaults", VAULT, TENANCY, "gen-vault", "ACTIVE");
            vault.put("vaultType", "VIRTUAL_PRIVATE");
            ObjectNode key = add("keys", KEY, TENANCY, "gen-key", "ENABLED");
            key.put("vaultId", VAULT);
            key.put("protectionMode", "HSM");
            // rotated on a schedule, so a sweep of any date finds the key compliant
            key.put("isAutoRotationEnabled", true);
            key.putObject("autoKeyRotationDetails").put("rotationIntervalInDays", 90);
            ObjectNode topic = json.withArray("topics").addObject();
            topic.put("topicId", TOPIC);
            topic.put("name", "gen-findings");
            topic.put("compartmentId", TENANCY);
            topic.put("lifecycleState", "ACTIVE");
            ObjectNode deleted = add("compartments", DELETED_COMPARTMENT, TENANCY, "deleted", "DELETED");
            deleted.put("name", "deleted");
            compartments.add(TENANCY);
            fill(TENANCY, 0);
            tree(TENANCY, "generated", depth, width);
            return new GeneratedWorld(World.parse(Json.write(json)), List.copyOf(compartments), fates);
        }

        private void tree(String parent, String path, int depth, int width) {
            if (depth == 0) {
                return;
            }
            for (int i = 1; i <= width; i++) {
                String name = path + "-" + i;
                String id = "ocid1.compartment.oc1.." + name;
                add("compartments", id, parent, name, "ACTIVE").put("name", name);
                compartments.add(id);
                fill(id, compartments.size() - 1);
                tree(id, name, depth - 1, width);
            }
        }

        /** One compartment's resources of every checked collection. */
        private void fill(String compartment, int index) {
            String home = "ocid1.dbhome.oc1.iad.gen" + index;
            add("dbHomes", home, compartment, "home-" + index, "AVAILABLE");
            String cmkContainer = "ocid1.database.oc1.iad.gen" + index + "x0";
            String walletContainer = "ocid1.database.oc1.iad.gen" + index + "x1";
            for (int i = 0; i < perType; i++) {
                String suffix = "gen" + index + "x" + i;
                volume("volumes", "ocid1.volume.oc1.iad." + suffix, compartment, fate());
                volume("bootVolumes", "ocid1.bootvolume.oc1.iad." + suffix, compartment, fate());
                volume("volumeBackups", "ocid1.volumebackup.oc1.iad." + suffix, compartment, fate());
                volume("bootVolumeBackups", "ocid1.bootvolumebackup.oc1.iad." + suffix, compartment, fate());
                autonomousDatabase("ocid1.autonomousdatabase.oc1.iad." + suffix, compartment, fate());
                containerDatabase("ocid1.autonomouscontainerdatabase.oc1.iad." + suffix, compartment, fate());
                // the first two databases are the containers of the pluggable ones: one on the key, one not
                Fate dbFate = i == 0 ? Fate.CUSTOMER_MANAGED : i == 1 ? Fate.ORACLE_MANAGED : fate();
                database("ocid1.database.oc1.iad." + suffix, compartment, home, dbFate);
                Fate pdbFate = fate();
                pluggableDatabase("ocid1.pluggabledatabase.oc1.iad." + suffix, compartment,
                        pdbFate == Fate.ORACLE_MANAGED ? walletContainer : cmkContainer, pdbFate);
                bucket("bucket-" + suffix, compartment, fate());
                fileSystem("ocid1.filesystem.oc1.iad." + suffix, compartment, AVAILABILITY_DOMAINS.get(i % 2), fate());
            }
        }

        private Fate fate() {
            int roll = random.nextInt(100);
            return roll < 10 ? Fate.TERMINATED : roll < 35 ? Fate.ORACLE_MANAGED : roll < 38 ? Fate.EXEMPT
                    : Fate.CUSTOMER_MANAGED;
        }

        private void volume(String collection, String id, String compartment, Fate fate) {
            ObjectNode v = resource(collection, id, compartment, fate, "AVAILABLE");
            if (fate != Fate.ORACLE_MANAGED) {
                v.put("kmsKeyId", KEY);
            }
            if (collection.equals("volumes") || collection.equals("bootVolumes")) {
                v.put("availabilityDomain", "Uocm:US-ASHBURN-AD-1");
            }
        }

        private void autonomousDatabase(String id, String compartment, Fate fate) {
            ObjectNode adb = resource("autonomousDatabases", id, compartment, fate, "AVAILABLE");
            adb.put("dbName", "ADB");
            adb.put("role", "PRIMARY");
            ObjectNode key = adb.putObject("encryptionKey");
            if (fate == Fate.ORACLE_MANAGED) {
                key.put("provider", "ORACLE_MANAGED");
            } else {
                key.put("provider", "OCI");
                key.put("kmsKeyId", KEY);
                key.put("vaultId", VAULT);
                adb.put("kmsKeyId", KEY);
                adb.put("vaultId", VAULT);
            }
        }

        private void containerDatabase(String id, String compartment, Fate fate) {
            ObjectNode acd = resource("autonomousContainerDatabases", id, compartment, fate, "AVAILABLE");
            acd.put("infrastructureType", "CLOUD");
            acd.put("role", "PRIMARY");
            if (fate != Fate.ORACLE_MANAGED) {
                acd.put("kmsKeyId", KEY);
                acd.put("vaultId", VAULT);
            }
        }

        private void database(String id, String compartment, String home, Fate fate) {
            ObjectNode db = resource("databases", id, compartment, fate, "AVAILABLE");
            db.put("dbName", "DB");
            db.put("dbHomeId", home);
            if (fate != Fate.ORACLE_MANAGED) { // else its TDE key is only in its wallet
                db.put("kmsKeyId", KEY);
                db.put("vaultId", VAULT);
            }
        }

        private void pluggableDatabase(String id, String compartment, String container, Fate fate) {
            ObjectNode pdb = resource("pluggableDatabases", id, compartment, fate, "AVAILABLE");
            pdb.put("pdbName", "PDB");
            pdb.put("containerDatabaseId", container); // judged by its container's key
        }

        /** A bucket has no lifecycle state: a TERMINATED one is simply not there (but its fate is kept). */
        private void bucket(String name, String compartment, Fate fate) {
            fates.computeIfAbsent("buckets", c -> new LinkedHashMap<>()).put("/n/" + NAMESPACE + "/b/" + name, fate);
            if (fate == Fate.TERMINATED) {
                return;
            }
            ObjectNode b = json.withArray("buckets").addObject();
            b.put("namespace", NAMESPACE);
            b.put("name", name);
            b.put("compartmentId", compartment);
            b.put("id", "ocid1.bucket.oc1.iad." + name.replace("-", ""));
            if (fate == Fate.EXEMPT) {
                b.putObject("freeformTags").put(EXEMPT_TAG, "true");
            }
            if (fate != Fate.ORACLE_MANAGED) {
                b.put("kmsKeyId", KEY);
            }
        }

        private void fileSystem(String id, String compartment, String domain, Fate fate) {
            ObjectNode f = resource("fileSystems", id, compartment, fate, "ACTIVE");
            f.put("availabilityDomain", domain);
            if (fate == Fate.TERMINATED) {
                f.put("lifecycleState", "DELETED");
            }
            if (fate != Fate.ORACLE_MANAGED) {
                f.put("kmsKeyId", KEY);
            }
        }

        private ObjectNode resource(String collection, String id, String compartment, Fate fate, String live) {
            fates.computeIfAbsent(collection, c -> new LinkedHashMap<>()).put(id, fate);
            ObjectNode r = add(collection, id, compartment, id.substring(id.lastIndexOf('.') + 1),
                    fate == Fate.TERMINATED ? "TERMINATED" : live);
            if (fate == Fate.EXEMPT) {
                r.putObject("freeformTags").put(EXEMPT_TAG, "true");
            }
            return r;
        }

        private ObjectNode add(String collection, String id, String compartment, String displayName, String state) {
            ObjectNode r = json.withArray(collection).addObject();
            r.put("id", id);
            r.put("compartmentId", compartment);
            r.put("displayName", displayName);
            r.put("lifecycleState", state);
            return r;
        }
    }
}
