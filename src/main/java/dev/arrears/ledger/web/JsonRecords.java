package dev.arrears.ledger.web;

import dev.arrears.ledger.intake.Intake;
import dev.arrears.ledger.intake.Issue;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a JSON request body of one record or an array of records into validated commands, or fails with every
 * problem of every record at once as JSON Pointers into the body ("/dueDate" for one object, "/0/dueDate" for an
 * array). Scalars become strings, except numbers (kept as {@link Number} so that amounts written as JSON numbers
 * are refused) and booleans; objects become maps and arrays lists, the shape {@link Intake} reads.
 */
final class JsonRecords {

    private JsonRecords() {
    }

    /** The commands read from a body, and whether the body was an array (the response mirrors it). */
    record Batch<T>(List<T> commands, boolean array) {
    }

    /** Parses a request body as JSON, refusing an empty or malformed body with a 400 at pointer "". */
    static JsonNode parse(JsonMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidInputException(FieldError.at("", "the request body is empty: send a JSON object or array"));
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new InvalidInputException(FieldError.at("", "the request body is empty: send a JSON object or array"));
            }
            return node;
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the request body is not valid JSON: " + describe(e)));
        }
    }

    /** Reads every record of a body with the intake function; throws with all issues when any record is bad. */
    static <T> Batch<T> read(JsonNode body, Function<Map<String, Object>, Intake.Result<T>> intake) {
        if (body.isObject()) {
            Intake.Result<T> result = intake.apply(toMap(body));
            if (!result.valid()) {
                throw new InvalidInputException(errors(result.issues(), false, 0));
            }
            return new Batch<>(List.of(result.command()), false);
        }
        if (!body.isArray()) {
            throw new InvalidInputException(FieldError.at("", "must be a JSON object or an array of objects"));
        }
        List<T> commands = new ArrayList<>(body.size());
        List<FieldError> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode element : body.values()) {
            if (!element.isObject()) {
                errors.add(FieldError.at("/" + index, "must be an object"));
            } else {
                Intake.Result<T> result = intake.apply(toMap(element));
                if (result.valid()) {
                    commands.add(result.command());
                } else {
                    errors.addAll(errors(result.issues(), true, index));
                }
            }
            index++;
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Batch<>(commands, true);
    }

    /** Returns the field errors of one record's issues as pointers into the body. */
    static List<FieldError> errors(List<Issue> issues, boolean array, int index) {
        return issues.stream().map(i -> FieldError.at(pointer(array, index, i.path()), i.detail())).toList();
    }

    /** Returns the JSON Pointer of a record-relative path: "lines/1/amount" → "/lines/1/amount" or "/3/lines/1/amount". */
    static String pointer(boolean array, int index, String path) {
        String relative = path == null || path.isEmpty() ? "" : "/" + path.replace("~", "~0");
        return array ? "/" + index + relative : relative;
    }

    /**
     * Rebases errors the ledger reported against its list ("/0/total") onto a body that held a single object
     * ("/total"); errors of array bodies pass through unchanged.
     */
    static List<FieldError> rebase(List<FieldError> errors, boolean array) {
        if (array) {
            return errors;
        }
        return errors.stream().map(e -> {
            String pointer = e.pointer();
            if (pointer == null) {
                return e;
            }
            if (pointer.equals("/0")) {
                return new FieldError("", e.line(), e.column(), e.detail());
            }
            if (pointer.startsWith("/0/")) {
                return new FieldError(pointer.substring(2), e.line(), e.column(), e.detail());
            }
            return e;
        }).toList();
    }

    /** Converts a JSON object to the map of maps, lists, strings, numbers and booleans that intake reads. */
    static Map<String, Object> toMap(JsonNode object) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            map.put(property.getKey(), toValue(property.getValue()));
        }
        return map;
    }

    /** Converts one JSON value; null and missing become null. */
    static Object toValue(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> toMap(node);
            case ARRAY -> {
                List<Object> list = new ArrayList<>(node.size());
                for (JsonNode element : node.values()) {
                    list.add(toValue(element));
                }
                yield list;
            }
            case STRING -> node.stringValue();
            case NUMBER -> node.numberValue();
            case BOOLEAN -> node.booleanValue();
            case NULL, MISSING -> null;
            case BINARY, POJO -> node.toString();
        };
    }

    private static String describe(JacksonException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int newline = message.indexOf('\n');
        if (newline > 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "…";
        }
        TokenStreamLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return message;
    }
}
