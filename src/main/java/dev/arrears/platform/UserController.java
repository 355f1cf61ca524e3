package dev.arrears.platform;

import dev.arrears.platform.Users.UserView;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Administrators manage users over JSON: {@code GET /api/v1/users}; {@code POST /api/v1/users}
 * {"username", "roles", "password"?} answers 201 with the user and, when no password was given, a generated one
 * (shown this once); {@code PUT /api/v1/users/{name}/roles} {"roles"}; {@code POST …/disable}, {@code …/enable},
 * {@code …/unlock}; {@code POST …/password} sets a generated password and answers it once.
 */
@RestController
@RequestMapping("/api/v1/users")
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Users", description = "The people who sign in, their roles and state (administrators only)")
class UserController {

    /** A user as the API lists it. */
    record UserJson(String username, List<Role> roles, boolean enabled, boolean locked, java.time.Instant createdAt) {
        static UserJson of(UserView v) {
            return new UserJson(v.username(), v.roles(), v.enabled(), v.locked(), v.createdAt());
        }
    }

    /** A user with a password shown once (null when the caller chose it). */
    record WithPassword(UserJson user, String password) {
    }

    private final Users users;
    private final JsonMapper mapper;

    UserController(Users users, JsonMapper mapper) {
        this.users = users;
        this.mapper = mapper;
    }

    @GetMapping
    @Operation(summary = "List users")
    List<UserJson> list() {
        return users.list().stream().map(UserJson::of).toList();
    }

    @PostMapping
    @Operation(summary = "Create a user; without a password one is generated and answered once",
            description = "Body: {\"username\": \"li.wei\", \"roles\": [\"COLLECTOR\"], \"password\": \"…\"}")
    ResponseEntity<WithPassword> create(@RequestBody byte[] body, Authentication who) {
        JsonNode json = object(body);
        String password = text(json, "password");
        String chosen = password == null ? users.generatePassword() : password;
        UserView created = users.add(text(json, "username"), roles(json), chosen, who.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new WithPassword(UserJson.of(created), password == null ? chosen : null));
    }

    @PutMapping("/{name}/roles")
    @Operation(summary = "Replace a user's roles", description = "Body: {\"roles\": [\"SUPERVISOR\"]}")
    UserJson roles(@PathVariable("name") String name, @RequestBody byte[] body, Authentication who) {
        return UserJson.of(users.setRoles(name, roles(object(body)), who.getName()));
    }

    @PostMapping("/{name}/disable")
    @Operation(summary = "Disable a user: it cannot sign in")
    UserJson disable(@PathVariable("name") String name, Authentication who) {
        return UserJson.of(users.setEnabled(name, false, who.getName()));
    }

    @PostMapping("/{name}/enable")
    @Operation(summary = "Enable a disabled user")
    UserJson enable(@PathVariable("name") String name, Authentication who) {
        return UserJson.of(users.setEnabled(name, true, who.getName()));
    }

    @PostMapping("/{name}/unlock")
    @Operation(summary = "Lift a lock-out after repeated failed sign-ins")
    UserJson unlock(@PathVariable("name") String name, Authentication who) {
        users.unlock(name, who.getName());
        return UserJson.of(users.user(name).orElseThrow());
    }

    @PostMapping("/{name}/password")
    @Operation(summary = "Set a generated password and answer it once")
    WithPassword resetPassword(@PathVariable("name") String name, Authentication who) {
        String chosen = users.resetPassword(name, null, who.getName());
        return new WithPassword(UserJson.of(users.user(name).orElseThrow()), chosen);
    }

    private JsonNode object(byte[] body) {
        JsonNode json;
        try {
            json = mapper.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException(FieldError.at("", "the body is not JSON"));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidInputException(FieldError.at("", "the body must be a JSON object"));
        }
        return json;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(FieldError.at("/" + field, field + " must be a string"));
        }
        return node.stringValue();
    }

    private static List<String> roles(JsonNode json) {
        JsonNode roles = json.get("roles");
        List<String> list = new ArrayList<>();
        if (roles == null || roles.isNull()) {
            return list;
        }
        if (!roles.isArray()) {
            throw new InvalidInputException(FieldError.at("/roles", "roles must be an array of strings"));
        }
        roles.forEach(r -> list.add(r.isString() ? r.stringValue() : r.toString()));
        return list;
    }
}
