package io.cmkguard.resource.type;

import io.cmkguard.resource.KeyEvents;
import io.cmkguard.resource.ResourceType;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** The registry: every resource type cmk-guard knows. Adding a type = one line here. */
public final class ResourceTypes {

    public static final List<ResourceType> ALL = List.of(
            BlockVolumeType.TYPE,
            BootVolumeType.TYPE,
            VolumeBackupType.TYPE,
            BootVolumeBackupType.TYPE,
            BlockVolumeReplicaType.TYPE,
            BootVolumeReplicaType.TYPE,
            AutonomousDatabaseType.TYPE,
            AutonomousContainerDatabaseType.TYPE,
            DatabaseType.TYPE,
            PluggableDatabaseType.TYPE,
            BucketType.TYPE,
            FileSystemType.TYPE,
            VaultKeyType.TYPE);

    private ResourceTypes() {
    }

    public static List<String> names() {
        return ALL.stream().map(ResourceType::name).toList();
    }

    /** The type of this name (a resourceType of results and config keys). */
    public static Optional<ResourceType> named(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The types events lead to (the replica types are only read as sources, and need no mode). */
    public static List<ResourceType> checked() {
        return ALL.stream().filter(t -> !t.eventTypes().isEmpty()).toList();
    }

    public static List<String> checkedNames() {
        return checked().stream().map(ResourceType::name).toList();
    }

    /** The types sweeps list and judge, in registry order (see {@link ResourceType#swept()}). */
    public static List<ResourceType> swept() {
        return ALL.stream().filter(ResourceType::swept).toList();
    }

    /** The type an event type belongs to. */
    public static Optional<ResourceType> forEventType(String eventType) {
        return ALL.stream().filter(t -> t.eventTypes().contains(eventType)).findFirst();
    }

    /** The type an id belongs to, e.g. a clone's source. */
    public static Optional<ResourceType> owning(String id) {
        return ALL.stream().filter(t -> t.identity().owns(id)).findFirst();
    }

    /** Every event type some registered type or the key-health watch handles, sorted: the Events rule condition. */
    public static List<String> allEventTypes() {
        TreeSet<String> all = new TreeSet<>(KeyEvents.types());
        ALL.forEach(t -> all.addAll(t.eventTypes()));
        return List.copyOf(all);
    }
}
