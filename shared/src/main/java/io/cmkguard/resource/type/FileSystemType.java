package io.cmkguard.resource.type;

import com.oracle.bmc.filestorage.model.FileSystem;
import com.oracle.bmc.filestorage.model.FileSystemSummary;
import com.oracle.bmc.filestorage.model.SourceDetails;
import com.oracle.bmc.filestorage.model.UpdateFileSystemDetails;
import com.oracle.bmc.filestorage.requests.GetFileSystemRequest;
import com.oracle.bmc.filestorage.requests.ListFileSystemsRequest;
import com.oracle.bmc.filestorage.requests.UpdateFileSystemRequest;
import com.oracle.bmc.identity.model.AvailabilityDomain;
import com.oracle.bmc.identity.requests.ListAvailabilityDomainsRequest;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.policy.KeyFacts;
import io.cmkguard.resource.Encryption;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.Lineage;
import io.cmkguard.resource.Listing;
import io.cmkguard.resource.Resource;
import io.cmkguard.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * File Storage file systems, per availability domain. A clone (from a snapshot of its parent) made without a
 * key falls back to the Oracle-managed key: with its parent on a customer-managed key, a CMK downgrade.
 */
public final class FileSystemType implements ResourceType {
    static final String EVENT_PREFIX = "com.oraclecloud.filestorage.";
    /** Without it, OCI refuses an UpdateFileSystem with a key. */
    static final String KEY_GRANT = "Allow service FssOc1Prod to use keys in compartment <vault-compartment>"
            + " where target.key.id = '<key OCID>' (FssOc<n>Prod in realm oc<n>; the function's dynamic group"
            + " needs 'use key-delegate' on the same key)";

    @Override
    public String name() {
        return "file-system";
    }

    @Override
    public String noun() {
        return "file system";
    }

    @Override
    public Identity identity() {
        return Identity.ocid("filesystem");
    }

    /** A clone from a snapshot is a createfilesystem too; a move re-checks it under its new compartment's key. */
    @Override
    public Set<String> eventTypes() {
        return Set.of(EVENT_PREFIX + "createfilesystem", EVENT_PREFIX + "updatefilesystem",
                EVENT_PREFIX + "changefilesystemcompartment");
    }

    @Override
    public Optional<Resource> fetch(OciClients clients, String id) {
        return OciCalls.find("GetFileSystem " + id, () -> clients.fileStorage().getFileSystem(
                        GetFileSystemRequest.builder().fileSystemId(id).build()))
                .map(response -> toResource(Answers.checked("GetFileSystem " + id, id, response.getFileSystem(),
                        FileSystem::getId, FileSystem::getLifecycleState, FileSystem::getCompartmentId),
                        response.getEtag()));
    }

    private Resource toResource(FileSystem f, String etag) {
        return new Resource(name(), f.getId(), f.getDisplayName(), f.getCompartmentId(), Wire.regionOf(f.getId()),
                state(Wire.value(f.getLifecycleState())), Encryption.ofKmsKeyId(f.getKmsKeyId()), List.of(),
                lineage(f.getSourceDetails()), Wire.tags(f.getFreeformTags()), etag);
    }

    /** File Storage's ACTIVE is the state in which it takes a key change, which the policy calls AVAILABLE. */
    private static String state(String lifecycleState) {
        return "ACTIVE".equals(lifecycleState) ? Resource.AVAILABLE : lifecycleState;
    }

    static Optional<Lineage> lineage(SourceDetails source) {
        if (source == null || source.getParentFileSystemId() == null || source.getParentFileSystemId().isBlank()) {
            return Optional.empty();
        }
        String snapshot = source.getSourceSnapshotId() == null || source.getSourceSnapshotId().isBlank()
                ? "a snapshot" : "snapshot " + source.getSourceSnapshotId();
        return Optional.of(new Lineage("cloned from " + snapshot + " of", source.getParentFileSystemId()));
    }

    /** File systems are listed per availability domain: every one of the region's, read once. */
    @Override
    public List<String> list(OciClients clients, String compartmentId) {
        List<String> ids = new ArrayList<>();
        for (String domain : availabilityDomains(clients, compartmentId)) {
            ListFileSystemsRequest request = ListFileSystemsRequest.builder().compartmentId(compartmentId)
                    .availabilityDomain(domain).build();
            ids.addAll(Listing.liveIds("ListFileSystems " + compartmentId + " " + domain,
                    () -> clients.fileStorage().getPaginators().listFileSystemsRecordIterator(request),
                    f -> Wire.value(f.getLifecycleState()), FileSystemSummary::getId));
        }
        return ids;
    }

    private static List<String> availabilityDomains(OciClients clients, String compartmentId) {
        return clients.readOnce("availability-domains", () -> OciCalls.call("ListAvailabilityDomains",
                () -> clients.identity().listAvailabilityDomains(ListAvailabilityDomainsRequest.builder()
                        .compartmentId(compartmentId).build()).getItems().stream()
                        .map(AvailabilityDomain::getName).toList()));
    }

    @Override
    public boolean keyChangeableInPlace() {
        return true;
    }

    @Override
    public void assignKey(OciClients clients, Resource resource, KeyFacts key) {
        OciCalls.call("UpdateFileSystem " + resource.id(), () -> clients.fileStorage().updateFileSystem(
                UpdateFileSystemRequest.builder()
                        .fileSystemId(resource.id())
                        .ifMatch(resource.etag().isBlank() ? null : resource.etag())
                        .retryConfiguration(OciCalls.WRITE_ONCE)
                        .updateFileSystemDetails(UpdateFileSystemDetails.builder().kmsKeyId(key.keyId()).build())
                        .build()));
    }

    @Override
    public Optional<String> fixCommand(Resource resource, String keyId) {
        return Optional.of("oci fs file-system update --file-system-id " + resource.id() + " --kms-key-id " + keyId);
    }

    @Override
    public Optional<String> prerequisite() {
        return Optional.of(KEY_GRANT);
    }

    @Override
    public String consolePath(Resource resource) {
        return "/fss/file-systems/" + resource.id() + (resource.region().isBlank() ? "" : "?region=" + resource.region());
    }

    @Override
    public List<String> requiredPermissions() {
        return List.of("FILE_SYSTEM_INSPECT", "FILE_SYSTEM_READ", "FILE_SYSTEM_UPDATE");
    }

    @Override
    public Iam iam() {
        return Iam.readOnly("read file-systems").remediatedWith("use file-systems").keyUsedBy(KeyUser.FILE_STORAGE);
    }
}
