package io.cmkguard.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The route table: which handler answers which method and path. */
final class Router {
    @FunctionalInterface
    private interface Handler {
        Response handle(IncomingRequest request, List<String> pathParameters);
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    Router(ResourceReads reads, VolumeRoutes volumes, BackupRoutes backups,
           AutonomousDatabaseRoutes autonomousDatabases, MessagePublisher publisher, RuleRoutes rules,
           ObjectStorageRoutes objectStorage, ObjectRoutes objects, FileSystemRoutes fileSystems, LogSearch logSearch,
           MetricIngestion metrics, FunctionInvocations functions) {
        String volumeKinds = "/20160918/(volumes|bootVolumes)/([^/]+)";
        add("GET", volumeKinds + "/kmsKey", (r, p) -> volumes.getKmsKey(collection(p.get(0)), p.get(1)));
        add("PUT", volumeKinds + "/kmsKey", (r, p) -> volumes.putKmsKey(r, collection(p.get(0)), p.get(1)));
        add("DELETE", volumeKinds + "/kmsKey", (r, p) -> volumes.deleteKmsKey(r, collection(p.get(0)), p.get(1)));
        add("PUT", volumeKinds, (r, p) -> volumes.update(r, collection(p.get(0)), p.get(1)));
        add("PUT", "/20160918/(volumeBackups|bootVolumeBackups)/([^/]+)",
                (r, p) -> backups.update(r, collection(p.get(0)), p.get(1)));
        add("POST", "/20160918/autonomousDatabases/([^/]+)/actions/configureAutonomousDatabaseVaultKey",
                (r, p) -> autonomousDatabases.configureVaultKey(r, p.get(0)));
        add("POST", "/20181201/topics/([^/]+)/messages", (r, p) -> publisher.publish(r, p.get(0)));
        add("POST", "/20181201/rules", (r, p) -> rules.create(r));
        add("POST", "/20190909/search", (r, p) -> logSearch.search(r));
        add("POST", "/20180401/metrics", (r, p) -> metrics.post(r));
        add("POST", "/20181201/functions/([^/]+)/actions/invoke", (r, p) -> functions.invoke(r, p.get(0)));
        add("PUT", "/20181201/rules/([^/]+)", (r, p) -> rules.update(r, p.get(0)));
        add("GET", "/20160918/autonomousDatabases/([^/]+)/clones", (r, p) -> reads.clonesOf(r, p.get(0)));
        add("GET", "/20160918/databases/([^/]+)/dataGuardAssociations", (r, p) ->
                reads.listUnder(ResourceCollection.DATA_GUARD_ASSOCIATIONS, "databaseId", p.get(0)));
        add("GET", "/20160918/compartments/([^/]+)", (r, p) -> reads.compartment(p.get(0)));
        add("GET", "/20160918/availabilityDomains", (r, p) -> reads.availabilityDomains(r));
        add("GET", "/n", (r, p) -> objectStorage.namespace());
        String bucket = "/n/([^/]+)/b/([^/]+)";
        add("GET", "/n/([^/]+)/b", (r, p) -> objectStorage.list(r, p.get(0)));
        add("GET", bucket, (r, p) -> objectStorage.get(p.get(0), p.get(1)));
        add("POST", bucket, (r, p) -> objectStorage.update(r, p.get(0), p.get(1)));
        add("POST", bucket + "/actions/reencrypt", (r, p) -> objectStorage.reencrypt(p.get(0), p.get(1)));
        add("GET", bucket + "/o", (r, p) -> objects.list(r, p.get(0), p.get(1)));
        String object = bucket + "/o/.+"; // the handler reads the name from the raw path: it may hold "/"
        add("PUT", object, (r, p) -> objects.put(r, p.get(0), p.get(1)));
        add("GET", object, (r, p) -> objects.get(r, p.get(0), p.get(1)));
        add("HEAD", object, (r, p) -> objects.head(r, p.get(0), p.get(1)));
        add("DELETE", object, (r, p) -> objects.delete(r, p.get(0), p.get(1)));
        add("GET", bucket + "/replicationSources", (r, p) -> objectStorage.replicationSources(r, p.get(0), p.get(1)));
        add("PUT", "/20171215/fileSystems/([^/]+)", (r, p) -> fileSystems.update(r, p.get(0)));
        add("GET", "/20180608/keys/([^/]+)/keyVersions", (r, p) -> reads.keyVersions(p.get(0)));
        add("GET", "/20180608/keys/([^/]+)/keyVersions/([^/]+)", (r, p) -> reads.keyVersion(p.get(0), p.get(1)));
        add("GET", "/(\\d{8})/(\\w+)", (r, p) -> reads.list(r, p.get(0), p.get(1)));
        add("GET", "/(\\d{8})/(\\w+)/([^/]+)", (r, p) -> reads.get(r, p.get(0), p.get(1), p.get(2)));
    }

    /** Answers a request; 404 NotFound when no route matches. */
    Response route(IncomingRequest request) {
        for (Route route : routes) {
            Matcher m = route.path().matcher(request.path());
            if (route.method().equals(request.method()) && m.matches()) {
                List<String> parameters = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    parameters.add(m.group(i));
                }
                return route.handler().handle(request, parameters);
            }
        }
        throw ApiError.noRoute(request.method(), request.path());
    }

    private void add(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    }

    private static ResourceCollection collection(String wireName) {
        return ResourceCollection.byWireName(wireName).orElseThrow();
    }
}
