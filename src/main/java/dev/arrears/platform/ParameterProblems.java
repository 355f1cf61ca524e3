package dev.arrears.platform;

import dev.arrears.shared.BadParameterException;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.Map;

/**
 * Renders bad query and path parameters of every API as RFC 9457 problems whose {@code errors} name the
 * parameter ({@code {"parameter": "asOf", "detail": "…"}}); body problems are rendered by the platform.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ParameterProblems {

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(BadParameterException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        body.setTitle("Bad request");
        body.setInstance(URI.create(request.getRequestURI()));
        body.setProperty("errors", e.problems().stream()
                .map(p -> Map.of("parameter", p.parameter(), "detail", p.detail())).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
