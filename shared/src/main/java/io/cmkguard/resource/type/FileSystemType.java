package io.cmkguard.resource.type;

import com.oracle.bmc.filestorage.model.FileSystem;
import com.oracle.bmc.filestorage.model.FileSystemSummary;
import com.oracle.bmc.filestorage.model.SourceDetails;
import com.oracle.bmc.filestorage.model.UpdateFileSystemDetails;
import com.oracle.bmc.filestorage.requests.GetFileSystemRequest;
import com.oracle.bmc.filestorage.requests.ListFileSystemsRequest;
import com.oracle.bmc.filestorage.responses.ListFileSystemsResponse;
import com.oracle.bmc.filestorage.requests.UpdateFileSystemRequest;
import com.oracle.bmc.filestorage.responses.GetFileSystemResponse;
import com.oracle.bmc.identity.model.AvailabilityDomain;
import com.oracle.bmc.identity.requests.ListAvailabilityDomainsRequest;
import io.cmkguard.model.Encryption;
import io.cmkguard.model.Lineage;
import io.cmkguard.model.Resource;
import io.cmkguard.oci.OciCalls;
import io.cmkguard.oci.OciClients;
import io.cmkguard.oci.Wire;
import io.cmkguard.resource.Declared;
import io.cmkguard.util.CliCommand;
import io.cmkguard.resource.Iam;
import io.cmkguard.resource.Identity;
import io.cmkguard.resource.KeyUser;
import io.cmkguard.resource.ResourceCalls;
import io.cmkguard.resource.ResourceType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * File Storage file systems, per availability domain. A clone (from a snapshot of its parent) made without a
 * key falls back to the Oracle-managed key: with its parent on a customer-managed key, a CMK downgrade.
 */
final class FileSystemType {
    static final String NAME = "file-system";
    private static final String EVENT_PREFIX = "com.oraclecloud.filestorage.";
    /** Without it, OCI refuses an UpdateFileSystem with a key. */
    static final String KEY_GRANT = "Allow service FssOc1Prod to use keys in compartment <vault-compartment>"
            + " where target.key.id = '<key OCID>' (FssOc<n>Prod in realm oc<n>; the function's dynamic group"
            + " needs 'use key-delegate' on the same key)";

    private static final SdkGet<GetFileSystemResponse, FileSystem> GET = new SdkGet<>("GetFileSystem",
            (clients, id) -> clients.fileStorage().getFileSystem(GetFileSystemRequest.builder().fileSystemId(id).build()),
            GetFileSystemResponse::getFileSystem, GetFileSystemResponse::getEtag,
            FileSystem::getId, FileSystem::getLifecycleState, FileSystem::getCompartmentId);

    static final ResourceType TYPE = Declared.named(NAME, "file system")
            .identity(Identity.ocid("filesystem"))
            .collection("fileSystems")
            // a clone from a snapshot is a createfilesystem too; a move re-checks it under its new compartment
            .events(Set.of(EVENT_PREFIX + "createfilesystem", EVENT_PREFIX + "updatefilesystem",
                    EVENT_PREFIX + "changefilesystemcompartment"))
            .calls(ResourceCalls.of((clients, id) -> GET.read(clients, id).map(a -> resource(a.model(), a.etag())),
                    FileSystemType::list))
            .keyChange(SdkKeyWrite.once("UpdateFileSystem", (clients, id, ifMatch, key) -> clients.fileStorage()
                    .updateFileSystem(UpdateFileSystemRequest.builder().fileSystemId(id).ifMatch(ifMatch)
                            .retryConfiguration(OciCalls.WRITE_ONCE)
                            .updateFileSystemDetails(UpdateFileSystemDetails.builder().kmsKeyId(key).build())
                            .build())))
            .fix((fileSystem, key) -> Optional.of(CliCommand.oci("fs", "file-system", "update")
                    .option("--file-system-id", fileSystem.id()).option("--kms-key-id", key).render()))
            .prerequisite(Optional.of(KEY_GRANT))
            .console(fileSystem -> "/fss/file-systems/" + fileSystem.id()
                    + (fileSystem.region().isBlank() ? "" : "?region=" + fileSystem.region()))
            .permissions("FILE_SYSTEM_INSPECT", "FILE_SYSTEM_READ", "FILE_SYSTEM_UPDATE")
            .iam(Iam.readOnly("read file-systems").remediatedWith("use file-systems").keyUsedBy(KeyUser.FILE_STORAGE))
            .build();

    private FileSystemType() {
    }

    private static Resource resource(FileSystem f, String etag) {
        return new Resource(NAME, f.getId(), f.getDisplayName(), f.getCompartmentId(), Wire.regionOf(f.getId()),
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
    private static List<String> list(OciClients clients, String compartmentId) {
        List<String> ids = new ArrayList<>();
        for (String domain : availabilityDomains(clients, compartmentId)) {
            ids.addAll(new SdkList<>("ListFileSystems", (c, compartment) -> c.fileStorage().getPaginators()
                    .listFileSystemsResponseIterator(ListFileSystemsRequest.builder().compartmentId(compartment)
                            .availabilityDomain(domain).build()),
                    ListFileSystemsResponse::getItems, FileSystemSummary::getLifecycleState, FileSystemSummary::getId).liveIds(clients, compartmentId));
        }
        return ids;
    }

    private static List<String> availabilityDomains(OciClients clients, String compartmentId) {
        return clients.readOnce("availability-domains", () -> OciCalls.call("ListAvailabilityDomains",
                () -> clients.identity().listAvailabilityDomains(ListAvailabilityDomainsRequest.builder()
                        .compartmentId(compartmentId).build()).getItems().stream()
                        .map(AvailabilityDomain::getName).toList()));
    }
}
