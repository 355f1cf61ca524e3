package dev.arrears.platform;

import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidDocumentException;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import dev.arrears.shared.UnprocessableInputException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns every failure on the API into an RFC 9457 problem+json body. Field problems are listed in
 * {@code errors} as {@code {"pointer": "/0/dueDate", "detail": "…"}} (and line/column for files; pointer and line
 * together for documents such as strategies, with a column number for templates).
 */
@RestControllerAdvice
class ProblemHandling {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    @ExceptionHandler(InvalidInputException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidInputException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid input", summary(e.errors(), e.getMessage()), e.errors(),
                request);
    }

    @ExceptionHandler(InvalidDocumentException.class)
    ResponseEntity<ProblemDetail> invalidDocument(InvalidDocumentException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid document", summary(e.errors(), e.getMessage()),
                e.errors(), request);
    }

    @ExceptionHandler(UnprocessableInputException.class)
    ResponseEntity<ProblemDetail> unprocessable(UnprocessableInputException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable input", summary(e.errors(), e.getMessage()),
                e.errors(), request);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), e.errors(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Unreadable body",
                "The request body is not valid JSON: " + rootMessage(e), List.of(), request);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingServletRequestPartException.class, MultipartException.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", rootMessage(e), List.of(), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type", e.getMessage(), List.of(),
                request);
    }

    /** The problem is sent as problem+json whatever the Accept header asked for (RFC 9110 allows it on a 406). */
    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(org.springframework.web.HttpMediaTypeNotAcceptableException e,
                                                HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return problem(HttpStatus.NOT_ACCEPTABLE, "Not acceptable", "No representation of this resource matches"
                + " Accept: " + (accept == null ? "" : accept.length() > 200 ? accept.substring(0, 200) + "…" : accept)
                + "; it answers " + (e.getSupportedMediaTypes().isEmpty() ? "application/json"
                : e.getSupportedMediaTypes().stream().map(Object::toString)
                        .collect(java.util.stream.Collectors.joining(", "))) + ".", List.of(), request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return problem(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "Not found", "No such resource: " + request.getRequestURI(), List.of(),
                request);
    }

    @ExceptionHandler(dev.arrears.shared.ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(dev.arrears.shared.ForbiddenException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), List.of(), request);
    }

    @ExceptionHandler(org.springframework.security.access.AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(Exception e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this", List.of(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "An unexpected error occurred; nothing was written. The log has the details.", List.of(), request);
    }

    private static String summary(List<FieldError> errors, String fallback) {
        if (errors.isEmpty()) {
            return fallback;
        }
        return errors.size() == 1 ? errors.getFirst().detail() : errors.size() + " problems; see errors";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.length() > 300 ? message.substring(0, 300) + "…" : message;
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                 List<FieldError> errors, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setInstance(URI.create(request.getRequestURI()));
        if (!errors.isEmpty()) {
            body.setProperty("errors", errors.stream().map(ProblemHandling::error).toList());
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static Map<String, Object> error(FieldError error) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (error.pointer() != null) {
            json.put("pointer", error.pointer());
        }
        if (error.pointer() == null || error.line() > 0) {
            json.put("line", error.line());
        }
        if (error.column() != null) {
            // files name their column; documents (templates) give a 1-based number with the pointer and line
            json.put("column", error.pointer() != null && error.column().matches("\\d{1,9}")
                    ? Integer.valueOf(error.column()) : error.column());
        }
        json.put("detail", error.detail());
        return json;
    }
}
