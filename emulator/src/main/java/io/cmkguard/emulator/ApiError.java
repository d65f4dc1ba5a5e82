package io.cmkguard.emulator;

/** An OCI-shaped error answer: an HTTP status plus the {"code","message"} body OCI sends. */
final class ApiError extends RuntimeException {
    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiError notFound(String what) {
        return new ApiError(404, "NotAuthorizedOrNotFound",
                "Authorization failed or requested resource not found: " + what);
    }

    static ApiError noRoute(String method, String path) {
        return new ApiError(404, "NotFound", "no emulator route for " + method + " " + path);
    }

    static ApiError notAuthenticated(String why) {
        return new ApiError(401, "NotAuthenticated", why);
    }

    static ApiError incorrectState(String why) {
        return new ApiError(409, "IncorrectState", why);
    }

    static ApiError invalidParameter(String why) {
        return new ApiError(400, "InvalidParameter", why);
    }

    static ApiError missingParameter(String name) {
        return new ApiError(400, "MissingParameter", "missing required query parameter " + name);
    }

    static ApiError etagMismatch(String given, String current) {
        return new ApiError(412, "NoEtagMatch",
                "if-match " + given + " does not match the current etag " + current);
    }
}
