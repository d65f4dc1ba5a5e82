package io.cmkguard.guard.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cmkguard.config.Mode;
import io.cmkguard.resource.ResourceType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where a sweep stopped, its settings and the budget it has spent, as a token signed by the function
 * ({@link ContinuationKeys}): the next invocation resumes right after the last resource judged, so
 * nothing is judged twice or skipped, and an edited token (its mode, budget, scope or position) is
 * refused. Writes made so far count against the sweep's maxRemediations and write-failure limit.
 *
 * @param unlisted       listings of this sweep that stopped short so far (its last report is complete
 *                       only when there were none)
 * @param compartmentKey the unit's compartment as an order key ("" for the sweep's root)
 * @param typeIndex      the unit's type, as its index in {@code types}
 * @param afterId        resume after this id within the unit; "" = from its start
 * @param tokenId        this token's own random id: a budget-spending or self-continuing token is used once
 * @param issuedAt       when it was issued; it expires {@link #LIFETIME} later
 * @param invocation     which invocation of the sweep runs from this token (the first one, without a token, is 0)
 * @param selfContinue   whether the sweep goes on by invoking its own function (else its caller follows the tokens)
 */
public record Continuation(String sweepId, String compartmentId, boolean includeSubcompartments,
                           List<ResourceType> types, Optional<Mode> mode, int maxRemediations, int writes,
                           int writeFailures, int unlisted, String compartmentKey, int typeIndex, String afterId,
                           String tokenId, Instant issuedAt, int invocation, boolean selfContinue) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "v2.";
    /** The longest token a sweep answers (and so the longest one taken back). */
    public static final int MAX_TOKEN_CHARS = 4096;
    /** A token is sent back within minutes; after a day it is refused (and a rotated-out key may go). */
    public static final Duration LIFETIME = Duration.ofHours(24);
    private static final Pattern SWEEP_ID = Pattern.compile("sweep-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");

    public Continuation {
        types = List.copyOf(types);
    }

    /** A new sweep's id: generated here, never taken from input. */
    static String newSweepId() {
        return "sweep-" + UUID.randomUUID();
    }

    /** The same position and settings, with the budget spent so far, as a token of its own. */
    Continuation issued(int writes, int writeFailures, int unlisted, Instant now) {
        return new Continuation(sweepId, compartmentId, includeSubcompartments, types, mode, maxRemediations, writes,
                writeFailures, unlisted, compartmentKey, typeIndex, afterId, UUID.randomUUID().toString(), now,
                invocation, selfContinue);
    }

    Instant expiresAt() {
        return issuedAt.plus(LIFETIME);
    }

    String encode(ContinuationKeys keys) {
        ObjectNode o = JSON.createObjectNode();
        o.put("tokenId", tokenId);
        o.put("issuedAt", issuedAt.getEpochSecond());
        o.put("sweepId", sweepId);
        o.put("compartmentId", compartmentId);
        o.put("includeSubcompartments", includeSubcompartments);
        types.forEach(t -> o.withArray("types").add(t.name()));
        o.put("mode", mode.map(Mode::label).orElse(""));
        o.put("maxRemediations", maxRemediations);
        o.put("writes", writes);
        o.put("writeFailures", writeFailures);
        o.put("unlisted", unlisted);
        o.put("compartmentKey", compartmentKey);
        o.put("typeIndex", typeIndex);
        o.put("afterId", afterId);
        o.put("invocation", invocation);
        o.put("selfContinue", selfContinue);
        String signed = VERSION + Base64.getUrlEncoder().withoutPadding().encodeToString(o.toString()
                .getBytes(StandardCharsets.UTF_8));
        return signed + "." + keys.sign(signed);
    }

    /**
     * Reads a token this function signed; anything else (edited, forged, another version, too long, signed
     * by a key it does not hold) is an InvalidContinuation, an expired one ContinuationExpired.
     */
    static Continuation decode(String token, ContinuationKeys keys, Instant now) {
        if (token.length() > MAX_TOKEN_CHARS) {
            throw invalid("it is " + token.length() + " characters long (a sweep's tokens are at most "
                    + MAX_TOKEN_CHARS + ")");
        }
        if (!token.startsWith(VERSION)) {
            throw invalid(token.startsWith("v1.") ? "it is an unsigned token of an earlier cmk-guard: start the sweep"
                    + " again" : "it is not shaped v2.<data>.<signature>");
        }
        int dot = token.lastIndexOf('.');
        if (dot < VERSION.length() || !keys.verifies(token.substring(0, dot), token.substring(dot + 1))) {
            throw invalid("its signature does not match: it was changed, or signed with a key this function does"
                    + " not hold" + (keys.generated() ? " (no CMK_GUARD_CONTINUATION_KEY is configured, so a token"
                    + " continues only on the function instance that issued it, until that instance is recycled;"
                    + " configure one so that every instance can continue a sweep)" : ""));
        }
        Continuation c = read(token.substring(VERSION.length(), dot));
        if (!now.isBefore(c.expiresAt())) {
            throw new BadSweepException("ContinuationExpired", "the continuation was issued at " + c.issuedAt()
                    + " and expired " + LIFETIME.toHours() + " h later: start the sweep again");
        }
        return c;
    }

    /** The fields of a token whose signature matched: written by this class, still checked. */
    private static Continuation read(String payload) {
        try {
            JsonNode o = JSON.readTree(Base64.getUrlDecoder().decode(payload));
            List<ResourceType> types = new ArrayList<>();
            for (JsonNode name : o.required("types")) {
                types.add(SweepRequest.typeNamed(name).orElseThrow(() -> new IllegalArgumentException("a type")));
            }
            String mode = o.required("mode").asText();
            int typeIndex = o.required("typeIndex").asInt();
            String sweepId = o.required("sweepId").asText();
            if (types.isEmpty() || typeIndex < 0 || typeIndex >= types.size() || !SWEEP_ID.matcher(sweepId).matches()
                    || o.required("maxRemediations").asInt() < 0 || o.required("writes").asInt() < 0
                    || o.required("writeFailures").asInt() < 0 || o.required("unlisted").asInt() < 0
                    || o.path("invocation").asInt(0) < 0) {
                throw new IllegalArgumentException("a field out of range");
            }
            return new Continuation(sweepId, o.required("compartmentId").asText(),
                    o.required("includeSubcompartments").asBoolean(), types,
                    mode.isEmpty() ? Optional.empty() : Optional.of(Mode.ofLabel(mode).orElseThrow()),
                    o.required("maxRemediations").asInt(), o.required("writes").asInt(),
                    o.required("writeFailures").asInt(), o.required("unlisted").asInt(),
                    o.required("compartmentKey").asText(), typeIndex, o.required("afterId").asText(),
                    o.required("tokenId").asText(), Instant.ofEpochSecond(o.required("issuedAt").asLong()),
                    // tokens of the release before carry neither: a caller-followed invocation of unknown number
                    o.path("invocation").asInt(0), o.path("selfContinue").asBoolean(false));
        } catch (RuntimeException | IOException e) {
            throw invalid("its data cannot be read");
        }
    }

    private static BadSweepException invalid(String why) {
        return new BadSweepException("InvalidContinuation", "\"continuation\" is not a token this function's sweep"
                + " answered (send it back exactly as received): " + why);
    }
}
