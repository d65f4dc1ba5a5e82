package io.cmkguard.oci;

import com.oracle.bmc.model.BmcException;
import com.oracle.bmc.objectstorage.model.ListObjects;
import com.oracle.bmc.objectstorage.model.ObjectSummary;
import com.oracle.bmc.objectstorage.requests.DeleteObjectRequest;
import com.oracle.bmc.objectstorage.requests.GetObjectRequest;
import com.oracle.bmc.objectstorage.requests.ListObjectsRequest;
import com.oracle.bmc.objectstorage.requests.PutObjectRequest;
import com.oracle.bmc.util.StreamUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Text objects in one bucket of the tenancy's namespace: written only where none is (if-none-match), so
 * evidence is never overwritten and the first writer of a name is the one that decides.
 */
public final class ObjectStore {
    /** A listing of one sweep's objects never needs more pages than this. */
    private static final int MAX_PAGES = 1_000;

    private final OciClients clients;
    private final String bucket;

    public ObjectStore(OciClients clients, String bucket) {
        this.clients = clients;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /** The namespace the bucket is in (the tenancy's), read once. */
    public String namespace() {
        return clients.objectStorageNamespace();
    }

    /**
     * Writes the object unless one of that name exists. Sent once, and again only when OCI refused it with 429
     * (then nothing was written): a retry of a write that landed would meet its own object and report a loss it
     * did not have.
     *
     * @return true when this call wrote it, false when the name was taken (412)
     */
    public boolean putIfAbsent(String name, String content, String contentType) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            clients.objectStorage().putObject(PutObjectRequest.builder().namespaceName(namespace())
                    .bucketName(bucket).objectName(name).ifNoneMatch("*").contentType(contentType)
                    // a duplicatable stream: a refused attempt is sent again with the same body
                    .contentLength((long) bytes.length).putObjectBody(StreamUtils.createByteArrayInputStream(bytes))
                    .retryConfiguration(clients.refusedOnly()).build());
            return true;
        } catch (BmcException e) {
            if (e.getStatusCode() == 412) {
                return false;
            }
            throw new OciCallException("PutObject " + bucket + "/" + name, e);
        }
    }

    /** The object's text, or empty when there is none of that name. */
    public Optional<String> get(String name) {
        return OciCalls.find("GetObject " + bucket + "/" + name, () -> clients.objectStorage().getObject(
                GetObjectRequest.builder().namespaceName(namespace()).bucketName(bucket).objectName(name).build()))
                .map(answer -> {
                    try (InputStream in = answer.getInputStream()) {
                        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException("GetObject " + bucket + "/" + name, e);
                    }
                });
    }

    /** The names under a prefix, in name order. */
    public List<String> list(String prefix) {
        List<String> names = new ArrayList<>();
        String start = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            String from = start;
            ListObjects answer = OciCalls.call("ListObjects " + bucket + "/" + prefix, () -> clients.objectStorage()
                    .listObjects(ListObjectsRequest.builder().namespaceName(namespace()).bucketName(bucket)
                            .prefix(prefix).start(from).build()).getListObjects());
            answer.getObjects().stream().map(ObjectSummary::getName).forEach(names::add);
            start = answer.getNextStartWith();
            if (start == null || start.isEmpty()) {
                return names;
            }
        }
        throw OciCallException.malformedResponse("ListObjects " + bucket + "/" + prefix, "more than " + MAX_PAGES
                + " pages");
    }

    /** Removes the object; one already gone is not an error. */
    public void delete(String name) {
        OciCalls.find("DeleteObject " + bucket + "/" + name, () -> clients.objectStorage().deleteObject(
                DeleteObjectRequest.builder().namespaceName(namespace()).bucketName(bucket).objectName(name)
                        .retryConfiguration(clients.refusedOnly()).build()));
    }

    /** Where a person opens the object in the Console (never a pre-authenticated link). */
    public String consoleUrl(String consoleBase, String name, String region) {
        return consoleBase + "/object-storage/buckets/" + namespace() + "/" + bucket + "/objects?region=" + region
                + "&prefix=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}
