package io.cmkguard.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.cmkguard.util.Echo;

/**
 * Reads the body as exactly one JSON value, strictly: no trailing content, no duplicate keys, and
 * Jackson's read limits tightened to what an event (or a sweep request) needs. Every refusal is a
 * {@link BadEventException} with a specific code, never a parser exception escaping to the runtime.
 * Every invocation body goes through here once, whatever it turns out to be.
 */
public final class StrictJson {
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(EventLimits.MAX_NESTING)
                    .maxNumberLength(EventLimits.MAX_NUMBER_DIGITS)
                    .maxNameLength(EventLimits.MAX_FIELD_NAME_CHARS)
                    .maxStringLength(EventLimits.MAX_BODY_CHARS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    public static JsonNode read(String body) {
        if (body.length() > EventLimits.MAX_BODY_CHARS) {
            throw new BadEventException("BodyTooLarge", "the invocation body is " + body.length()
                    + " characters long; an OCI event or a sweep request is a few KB (limit "
                    + EventLimits.MAX_BODY_CHARS + ")");
        }
        try {
            return JSON.readTree(body);
        } catch (StreamConstraintsException e) {
            throw limitExceeded(e);
        } catch (MismatchedInputException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new BadEventException("MalformedJson", "the invocation body is not valid JSON: there is"
                        + " more after the first JSON value" + where(e.getLocation())
                        + " (send one event per invocation)");
            }
            throw malformed(e);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
    }

    private static BadEventException malformed(JsonProcessingException e) {
        // Jackson names the (redacted) source inside its message: noise for the reader
        String detail = String.valueOf(e.getOriginalMessage()).replaceAll("\\[Source: [^;]*; ", "[");
        if (detail.startsWith("Duplicate field")) {
            detail = "a key appears twice in one object (" + Echo.bounded(detail, 120) + ")";
        }
        return new BadEventException("MalformedJson", "the invocation body is not valid JSON: "
                + Echo.bounded(detail, 300) + where(e.getLocation()));
    }

    /** Jackson names the limit it hit by its getter; each gets its own code. */
    private static BadEventException limitExceeded(StreamConstraintsException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("getMaxNestingDepth")) {
            return new BadEventException("TooDeeplyNested", "the invocation body nests JSON deeper than "
                    + EventLimits.MAX_NESTING + " levels; an OCI event nests a few");
        }
        if (m.contains("getMaxNumberLength")) {
            return new BadEventException("NumberTooLong", "the invocation body holds a number longer than "
                    + EventLimits.MAX_NUMBER_DIGITS + " digits");
        }
        if (m.contains("getMaxNameLength")) {
            return new BadEventException("FieldNameTooLong", "the invocation body holds a field name longer than "
                    + EventLimits.MAX_FIELD_NAME_CHARS + " characters");
        }
        if (m.contains("getMaxStringLength")) {
            return new BadEventException("StringTooLong", "the invocation body holds a string longer than "
                    + EventLimits.MAX_BODY_CHARS + " characters");
        }
        return new BadEventException("InputLimitExceeded", "the invocation body exceeds a JSON read limit");
    }

    private static String where(JsonLocation at) {
        return at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
