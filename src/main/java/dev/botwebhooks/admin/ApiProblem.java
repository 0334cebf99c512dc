package dev.botwebhooks.admin;

import org.springframework.http.HttpStatus;

/** An admin API request that cannot be served; rendered as RFC 9457 problem+json. */
final class ApiProblem extends RuntimeException {

    private final HttpStatus status;

    ApiProblem(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    HttpStatus status() {
        return status;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    static ApiProblem unauthorized() {
        return new ApiProblem(HttpStatus.UNAUTHORIZED, "a valid bearer token is required");
    }
}
