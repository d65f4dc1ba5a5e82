package io.cmkguard.emulator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a draft-cavage {@code authorization: Signature ...} header as OCI clients send it:
 * {@code Signature version="1",headers="date (request-target) host",keyId="...",algorithm="rsa-sha256",signature="..."}.
 */
record AuthorizationHeader(String keyId, String algorithm, List<String> signedHeaders, String signature) {
    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** Parses the header; a 401 says which part is missing or wrong. */
    static AuthorizationHeader parse(String value) {
        if (value == null) {
            throw ApiError.notAuthenticated("missing authorization header: requests must be signed");
        }
        if (!value.regionMatches(true, 0, "Signature ", 0, "Signature ".length())) {
            throw ApiError.notAuthenticated("authorization header is not of the form 'Signature k=\"v\",...'");
        }
        Map<String, String> parameters = parameters(value);
        String version = parameters.get("version");
        if (version != null && !version.equals("1")) {
            throw ApiError.notAuthenticated("unsupported signature version " + version + " (only 1)");
        }
        String algorithm = parameters.get("algorithm");
        if (!"rsa-sha256".equals(algorithm)) {
            throw ApiError.notAuthenticated("unsupported signature algorithm " + algorithm + " (only rsa-sha256)");
        }
        for (String required : List.of("keyId", "headers", "signature")) {
            if (parameters.get(required) == null || parameters.get(required).isBlank()) {
                throw ApiError.notAuthenticated("authorization header has no " + required);
            }
        }
        List<String> headers = Arrays.stream(parameters.get("headers").trim().split("\\s+"))
                .map(String::toLowerCase).toList();
        return new AuthorizationHeader(parameters.get("keyId"), algorithm, headers, parameters.get("signature"));
    }

    /** The keyId a request claims, for the request log even when the request is rejected; null if none. */
    static String claimedKeyId(String value) {
        return value == null ? null : parameters(value).get("keyId");
    }

    private static Map<String, String> parameters(String value) {
        Map<String, String> parameters = new HashMap<>();
        Matcher m = PARAMETER.matcher(value);
        while (m.find()) {
            parameters.put(m.group(1), m.group(2));
        }
        return parameters;
    }
}
