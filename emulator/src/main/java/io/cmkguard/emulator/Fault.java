package io.cmkguard.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scripted misbehaviour: requests whose method and path match are delayed and/or answered with an error.
 * Built fluently, e.g. {@code Fault.on("PUT", "/20160918/volumes/[^/]+/kmsKey").respond(429, "TooManyRequests").times(1)}.
 * A status of 200 answers 200 with an OCI error body ({"code","message"}), as a broken proxy might.
 * A {@link #lostAnswer()} fault lets the request take effect first, then delays and/or replaces the
 * answer: the client sees a timeout or an error for a write that did happen.
 *
 * @param method    an HTTP method, or "*" for any
 * @param pathRegex a regular expression that must match the whole path, or the path with its query string
 *                  (e.g. {@code /20180608/keys\?compartmentId=ocid1\.compartment\.oc1\.\.b}: one compartment's LIST)
 * @param status    the HTTP status to answer, or 0 to answer normally (after the delay)
 * @param code      the OCI error code of the answer
 * @param message   the OCI error message of the answer
 * @param times     how many requests it applies to; -1 means forever
 * @param delay     how long to wait before answering
 * @param applyFirst true: the request is carried out before the delay and the error (a lost answer)
 * @param retryAfter  the Retry-After header of an error answer (e.g. "86400"), or null for none
 * @param listing     how a LIST answer is bent (pages without end, items repeated or added)
 */
public record Fault(String method, String pathRegex, int status, String code, String message, int times,
                    Duration delay, boolean applyFirst, String retryAfter, ListTwist listing) {

    public static final int FOREVER = -1;

    /**
     * Object Storage objects, a pathRegex that takes them all down (e.g. {@code Fault.on("*", Fault.OBJECTS)}):
     * PutObject, GetObject, HeadObject, DeleteObject and ListObjects in any bucket.
     */
    public static final String OBJECTS = "/n/[^/]+/b/[^/]+/o(/.*)?";
    /** Monitoring's PostMetricData. */
    public static final String METRICS = "/20180401/metrics";
    /** Functions' InvokeFunction, of any function. */
    public static final String FUNCTION_INVOKE = "/20181201/functions/[^/]+/actions/invoke";

    public Fault {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathRegex, "pathRegex");
        Pattern.compile(pathRegex); // fail here rather than on the first request
        if (status != 0 && (status < 100 || status > 599)) {
            throw new IllegalArgumentException("fault status must be 0 (no error) or an HTTP status: " + status);
        }
        if (times < -1) {
            throw new IllegalArgumentException("fault times must be -1 (forever) or >= 0: " + times);
        }
        delay = delay == null ? Duration.ZERO : delay;
        if (delay.isNegative()) {
            throw new IllegalArgumentException("fault delay must not be negative: " + delay);
        }
        code = code == null ? "InternalServerError" : code;
        message = message == null ? "fault injected by the emulator" : message;
        listing = listing == null ? ListTwist.NONE : listing;
    }

    /** A fault that answers instead of the route (the request has no effect). */
    public Fault(String method, String pathRegex, int status, String code, String message, int times,
                 Duration delay) {
        this(method, pathRegex, status, code, message, times, delay, false);
    }

    public Fault(String method, String pathRegex, int status, String code, String message, int times,
                 Duration delay, boolean applyFirst) {
        this(method, pathRegex, status, code, message, times, delay, applyFirst, null, ListTwist.NONE);
    }

    /**
     * What a fault does to a LIST answer that the route gave (a world cannot express these: OCI's own
     * listings misbehaving).
     *
     * @param endlessPages every answer names a next page, the same one again, so the listing never ends
     * @param repeatItems  every item is listed twice
     * @param extraItems   items added to every answer (e.g. a volume another compartment holds, as a
     *                     volume moved mid-sweep appears in two lists)
     */
    public record ListTwist(boolean endlessPages, boolean repeatItems, List<ObjectNode> extraItems) {
        public static final ListTwist NONE = new ListTwist(false, false, List.of());

        public ListTwist {
            extraItems = extraItems.stream().map(ObjectNode::deepCopy).toList();
        }

        boolean bends() {
            return endlessPages || repeatItems || !extraItems.isEmpty();
        }

        /** The answer bent: the route's items (repeated), the extra ones, and a next page that never ends. */
        Response apply(Response answer, String page) {
            if (!bends() || answer.status() != 200 || answer.body() == null || !answer.body().isArray()) {
                return answer;
            }
            ArrayNode items = Json.array();
            for (JsonNode item : answer.body()) {
                items.add(item);
                if (repeatItems) {
                    items.add(item.deepCopy());
                }
            }
            extraItems.forEach(extra -> items.add(extra.deepCopy()));
            Response bent = new Response(answer.status(), answer.headers(), items);
            return endlessPages ? bent.withHeader("opc-next-page", page == null ? "0" : page) : bent;
        }
    }

    /** A fault that matches, forever, but does nothing until told to respond or delay. */
    public static Fault on(String method, String pathRegex) {
        return new Fault(method, pathRegex, 0, null, null, FOREVER, Duration.ZERO);
    }

    public Fault respond(int status, String code) {
        return new Fault(method, pathRegex, status, code, message, times, delay, applyFirst, retryAfter, listing);
    }

    public Fault message(String message) {
        return new Fault(method, pathRegex, status, code, message, times, delay, applyFirst, retryAfter, listing);
    }

    public Fault times(int times) {
        return new Fault(method, pathRegex, status, code, message, times, delay, applyFirst, retryAfter, listing);
    }

    /** The error answer carries this Retry-After header (delay-seconds or an HTTP date), e.g. "86400". */
    public Fault retryAfter(String value) {
        return new Fault(method, pathRegex, status, code, message, times, delay, applyFirst, value, listing);
    }

    /** A LIST that never ends: every answer names the same page as the next one. */
    public Fault endlessPages() {
        return listing(new ListTwist(true, listing.repeatItems(), listing.extraItems()));
    }

    /** Every item of a LIST answer twice. */
    public Fault repeatItems() {
        return listing(new ListTwist(listing.endlessPages(), true, listing.extraItems()));
    }

    /** These items added to every LIST answer, as if they were there too. */
    public Fault extraItems(List<ObjectNode> items) {
        return listing(new ListTwist(listing.endlessPages(), listing.repeatItems(), items));
    }

    private Fault listing(ListTwist twist) {
        return new Fault(method, pathRegex, status, code, message, times, delay, applyFirst, retryAfter, twist);
    }

    public Fault forever() {
        return times(FOREVER);
    }

    public Fault delay(Duration delay) {
        return new Fault(method, pathRegex, status, code, message, times, delay, applyFirst, retryAfter, listing);
    }

    /** The request takes effect; only its answer is delayed or replaced (a write whose answer is lost). */
    public Fault lostAnswer() {
        return new Fault(method, pathRegex, status, code, message, times, delay, true, retryAfter, listing);
    }

    boolean matches(String requestMethod, String path) {
        return matches(requestMethod, path, "");
    }

    boolean matches(String requestMethod, String path, String query) {
        return ("*".equals(method) || method.equalsIgnoreCase(requestMethod))
                && (path.matches(pathRegex) || !query.isEmpty() && (path + "?" + query).matches(pathRegex));
    }

    /**
     * Reads the world-file shape: {method, pathRegex, status, code, message, times, delayMillis, applyFirst,
     * retryAfter, endlessPages, repeatItems, extraItems}.
     */
    static Fault fromJson(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a fault must be a JSON object: " + json);
        }
        String pathRegex = Json.text(json, "pathRegex");
        if (pathRegex == null) {
            throw new IllegalArgumentException("a fault needs \"pathRegex\": " + json);
        }
        String method = Json.text(json, "method");
        return new Fault(method == null ? "*" : method, pathRegex,
                json.path("status").asInt(0), Json.text(json, "code"), Json.text(json, "message"),
                json.path("times").asInt(FOREVER), Duration.ofMillis(json.path("delayMillis").asLong(0)),
                json.path("applyFirst").asBoolean(false), Json.text(json, "retryAfter"),
                new ListTwist(json.path("endlessPages").asBoolean(false), json.path("repeatItems").asBoolean(false),
                        extraItems(json.path("extraItems"))));
    }

    private static List<ObjectNode> extraItems(JsonNode items) {
        if (items.isMissingNode() || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            throw new IllegalArgumentException("a fault's \"extraItems\" must be a list of resources: " + items);
        }
        java.util.List<ObjectNode> list = new java.util.ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw new IllegalArgumentException("a fault's extra item must be a JSON object: " + item);
            }
            list.add((ObjectNode) item);
        }
        return list;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("method", method);
        json.put("pathRegex", pathRegex);
        json.put("status", status);
        json.put("code", code);
        json.put("message", message);
        json.put("times", times);
        json.put("delayMillis", delay.toMillis());
        json.put("applyFirst", applyFirst);
        if (retryAfter != null) {
            json.put("retryAfter", retryAfter);
        }
        if (listing.bends()) {
            json.put("endlessPages", listing.endlessPages());
            json.put("repeatItems", listing.repeatItems());
            listing.extraItems().forEach(json.putArray("extraItems")::add);
        }
        return json;
    }
}
