package io.cmkguard.resource;

import io.cmkguard.event.OciEvent;
import io.cmkguard.model.KeyFacts;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciClients;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A resource type written as a declaration: what it is called, which events name it (itself or a parent), how
 * its id looks, the calls that read, list and re-key it, how to fix it by hand and the IAM it needs. Types say
 * only what differs; the SDK plumbing twins share lives in the helpers their declarations call.
 */
public final class Declared implements ResourceType {
    private final Spec d;

    /** Everything a declaration said, fixed when it is built. */
    private record Spec(String name, String noun, Identity identity, String collection, Set<String> events,
                        Set<String> keyRemovalEvents, List<Parent> parents, Function<OciEvent, Optional<String>> ignored,
                        ResourceCalls calls, Optional<KeyChange> keyChange, Optional<AfterKeyChange> afterKeyChange,
                        BiFunction<Resource, String, Optional<String>> fix, Optional<String> prerequisite,
                        Function<Resource, String> console, List<String> permissions, Iam iam) {
    }

    private Declared(Spec spec) {
        this.d = spec;
    }

    /** Starts a declaration: the resourceType of results and config keys, and how people call it. */
    public static Builder named(String name, String noun) {
        return new Builder(name, noun);
    }

    @Override
    public String name() {
        return d.name();
    }

    @Override
    public String noun() {
        return d.noun();
    }

    @Override
    public Identity identity() {
        return d.identity();
    }

    @Override
    public String collection() {
        return d.collection();
    }

    @Override
    public Set<String> eventTypes() {
        return d.events();
    }

    @Override
    public Set<String> keyRemovalEventTypes() {
        return d.keyRemovalEvents();
    }

    @Override
    public Identity subject(String eventType) {
        return parentFor(eventType).map(Parent::identity).orElse(d.identity());
    }

    @Override
    public boolean listsByCompartment(String eventType) {
        return parentFor(eventType).map(Parent::listsByCompartment).orElse(false);
    }

    @Override
    public Optional<String> ignoredBecause(OciEvent event) {
        return d.ignored().apply(event);
    }

    @Override
    public List<String> resourceIds(OciEvent event, OciClients clients) {
        Optional<Parent> parent = parentFor(event.eventType());
        return parent.isPresent() ? parent.get().members().of(clients, event)
                : d.identity().namedBy(event).map(List::of).orElse(List.of());
    }

    private Optional<Parent> parentFor(String eventType) {
        return d.parents().stream().filter(p -> p.events().contains(eventType)).findFirst();
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return d.calls().fetch(clients, id);
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id, SharedReads shared) {
        return d.calls().fetch(clients, id, shared);
    }

    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        return d.calls().list(clients, compartmentId);
    }

    @Override
    public boolean keyChangeableInPlace() {
        return d.keyChange().isPresent();
    }

    @Override
    public void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        d.keyChange().orElseThrow(() -> new UnsupportedOperationException(d.noun() + " keys cannot be changed in place"))
                .assign(clients, resource, key);
    }

    @Override
    public Optional<String> afterKeyChangeAdvice(Resource resource) {
        return d.afterKeyChange().map(after -> after.advice().apply(resource));
    }

    @Override
    public Optional<String> afterKeyChange(OciClients clients, Resource resource) {
        return d.afterKeyChange().flatMap(after -> after.start().apply(clients, resource));
    }

    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return d.fix().apply(resource, keyId);
    }

    @Override
    public Optional<String> prerequisite() {
        return d.prerequisite();
    }

    @Override
    public String consolePath(Resource resource) {
        return d.console().apply(resource);
    }

    @Override
    public List<String> requiredPermissions() {
        return d.permissions();
    }

    @Override
    public Iam iam() {
        return d.iam();
    }

    @Override
    public String toString() {
        return d.name();
    }

    /** The parts of a declaration; {@link #build()} checks that every required one was given. */
    public static final class Builder {
        private final String name;
        private final String noun;
        private Identity identity;
        private String collection;
        private Set<String> events = Set.of();
        private Set<String> keyRemovalEvents = Set.of();
        private final List<Parent> parents = new ArrayList<>();
        private Function<OciEvent, Optional<String>> ignored = event -> Optional.empty();
        private ResourceCalls calls;
        private Optional<KeyChange> keyChange = Optional.empty();
        private Optional<AfterKeyChange> afterKeyChange = Optional.empty();
        private BiFunction<Resource, String, Optional<String>> fix = (resource, key) -> Optional.empty();
        private Optional<String> prerequisite = Optional.empty();
        private Function<Resource, String> console;
        private List<String> permissions = List.of();
        private Iam iam;

        private Builder(String name, String noun) {
            this.name = name;
            this.noun = noun;
        }

        /** How its ids look and how an event names one. */
        public Builder identity(Identity identity) {
            this.identity = identity;
            return this;
        }

        /** The plural OCI names it by in its list call (volumes, bootVolumes, buckets): worlds and benches count by it. */
        public Builder collection(String collection) {
            this.collection = collection;
            return this;
        }

        /** The event types that name the resource itself. */
        public Builder events(Set<String> events) {
            this.events = Set.copyOf(events);
            return this;
        }

        /** Event types that mean somebody removed the key: flagged, never raced (also among the events). */
        public Builder keyRemovalEvents(Set<String> events) {
            this.keyRemovalEvents = Set.copyOf(events);
            return this;
        }

        /** Events that name a parent, and how its resources are found; their types join the events. */
        public Builder parent(Parent parent) {
            this.parents.add(parent);
            return this;
        }

        /** Why an event asks for no check at all (e.g. a backup whose creation failed). */
        public Builder ignoring(Function<OciEvent, Optional<String>> why) {
            this.ignored = why;
            return this;
        }

        public Builder calls(ResourceCalls calls) {
            this.calls = calls;
            return this;
        }

        /** How OCI puts it on another key in place; without one it is reported, never re-keyed. */
        public Builder keyChange(KeyChange change) {
            this.keyChange = Optional.of(change);
            return this;
        }

        /** What a key change leaves undone (said in findings) and the call that starts it (opt-in by config). */
        public Builder afterKeyChange(AfterKeyChange after) {
            this.afterKeyChange = Optional.of(after);
            return this;
        }

        /** The exact OCI CLI command that puts it on a key, or empty with the reasons saying why none can. */
        public Builder fix(BiFunction<Resource, String, Optional<String>> command) {
            this.fix = command;
            return this;
        }

        /** An IAM statement without which the key change fails, named in findings. */
        public Builder prerequisite(Optional<String> statement) {
            this.prerequisite = statement;
            return this;
        }

        /** Its page in the OCI Console (a path under the console URL). */
        public Builder console(Function<Resource, String> path) {
            this.console = path;
            return this;
        }

        /** The IAM permissions the function needs for it (docs and checks). */
        public Builder permissions(String... permissions) {
            this.permissions = List.of(permissions);
            return this;
        }

        /** The same needs in policy words: what generated policies are built from. */
        public Builder iam(Iam iam) {
            this.iam = iam;
            return this;
        }

        public ResourceType build() {
            Objects.requireNonNull(identity, name + ": identity");
            Objects.requireNonNull(collection, name + ": collection");
            Objects.requireNonNull(calls, name + ": calls");
            Objects.requireNonNull(console, name + ": console");
            Objects.requireNonNull(iam, name + ": iam");
            Set<String> all = new HashSet<>(events);
            parents.forEach(p -> all.addAll(p.events()));
            return new Declared(new Spec(name, noun, identity, collection, Set.copyOf(all), keyRemovalEvents,
                    List.copyOf(parents), ignored, calls, keyChange, afterKeyChange, fix, prerequisite, console, permissions, iam));
        }
    }
}
