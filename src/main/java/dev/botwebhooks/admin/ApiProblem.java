package dev.botwebhooks.admin;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An admin API request that cannot be served: Spring's {@link ProblemDetail}, rendered as RFC 9457 problem+json. */
final class ApiProblem extends ErrorResponseException {

    ApiProblem(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, detail);
    }

    /** No bearer token: RFC 6750 says the challenge then carries no error code. */
    static ApiProblem unauthorized() {
        return unauthorized("a bearer token is required: Authorization: Bearer <admin token or bot API key>",
                "Bearer realm=\"bot-webhooks\"");
    }

    /** A bearer token that is no admin token and no bot's API key (or a revoked one). */
    static ApiProblem invalidToken() {
        return unauthorized("the bearer token is not valid (a rotated API key stops working)",
                "Bearer realm=\"bot-webhooks\", error=\"invalid_token\", error_description=\"the token is not valid\"");
    }

    private static ApiProblem unauthorized(String detail, String challenge) {
        ApiProblem problem = new ApiProblem(HttpStatus.UNAUTHORIZED, detail);
        // RFC 9110 and RFC 6750: a 401 names the scheme the client should use.
        problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return problem;
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, detail);
    }

    static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, detail);
    }

    static ApiProblem unsupportedMediaType(String detail) {
        return new ApiProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
    }

    /** Busy or failed: the caller may retry, and is told when (STYLE: overload is a 503 with Retry-After). */
    static ApiProblem unavailable(String detail) {
        return unavailable(detail, 1);
    }

    static ApiProblem unavailable(String detail, int retryAfterSeconds) {
        ApiProblem problem = new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.getHeaders().set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        return problem;
    }
}
