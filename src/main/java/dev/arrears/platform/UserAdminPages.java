package dev.arrears.platform;

import dev.arrears.shared.ConflictException;
import dev.arrears.shared.FieldError;
import dev.arrears.shared.InvalidInputException;
import dev.arrears.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * User administration for ADMIN ({@code /admin/users}, guarded in {@link SecurityConfiguration}): the list of users
 * with their roles and state, a form to create one, and per user: change roles, disable or enable, reset the
 * password (a generated one, shown once) and lift a lock-out. Each action posts a form and comes back to the list
 * with a notice (post-redirect-get); a refused input renders the list again with the problems by field.
 */
@Controller
@RequestMapping("/admin/users")
class UserAdminPages {

    private final Users users;

    UserAdminPages(Users users) {
        this.users = users;
    }

    /** Shows the users and the creation form. */
    @GetMapping
    String list(Model model) {
        model.addAttribute("users", users.list());
        model.addAttribute("roles", Role.values());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "admin-users";
    }

    /** Creates a user from the form. */
    @PostMapping
    String create(@RequestParam(name = "username", required = false) String username,
                  @RequestParam(name = "password", required = false) String password,
                  @RequestParam(name = "roles", required = false) List<String> roles, Principal principal,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(() -> users.add(username, roles, password, principal.getName()), "created", username, model,
                redirect, response);
    }

    /** Replaces a user's roles. */
    @PostMapping("/roles")
    String roles(@RequestParam("username") String username,
                 @RequestParam(name = "roles", required = false) List<String> roles, Principal principal,
                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(() -> users.setRoles(username, roles, principal.getName()), "rolesChanged", username, model,
                redirect, response);
    }

    /** Disables or enables a user. */
    @PostMapping("/enabled")
    String enabled(@RequestParam("username") String username, @RequestParam("enabled") boolean enabled,
                   Principal principal, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        return act(() -> users.setEnabled(username, enabled, principal.getName()), enabled ? "enabled" : "disabled",
                username, model, redirect, response);
    }

    /** Sets a generated password and shows it once. */
    @PostMapping("/password")
    String resetPassword(@RequestParam("username") String username, Principal principal, Model model,
                         RedirectAttributes redirect, HttpServletResponse response) {
        String[] chosen = new String[1];
        String view = act(() -> chosen[0] = users.resetPassword(username, null, principal.getName()),
                "passwordReset", username, model, redirect, response);
        if (chosen[0] != null) {
            redirect.addFlashAttribute("newPassword", chosen[0]);
        }
        return view;
    }

    /** Lifts a lock-out. */
    @PostMapping("/unlock")
    String unlock(@RequestParam("username") String username, Principal principal, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        return act(() -> users.unlock(username, principal.getName()), "unlocked", username, model, redirect,
                response);
    }

    private String act(Supplier<?> action, String notice, String username, Model model, RedirectAttributes redirect,
                       HttpServletResponse response) {
        try {
            action.get();
        } catch (InvalidInputException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("errors", e.errors().stream().collect(Collectors.toMap(
                    f -> f.pointer() == null ? "" : f.pointer().substring(1), FieldError::detail, (a, b) -> a + "; " + b)));
            model.addAttribute("form", Map.of("username", username == null ? "" : username));
            return list(model);
        } catch (ConflictException | NotFoundException e) {
            response.setStatus(e instanceof NotFoundException ? HttpServletResponse.SC_NOT_FOUND
                    : HttpServletResponse.SC_CONFLICT);
            model.addAttribute("problem", e.getMessage());
            return list(model);
        }
        redirect.addFlashAttribute("notice", notice);
        redirect.addFlashAttribute("noticeUser", username);
        return "redirect:/admin/users";
    }
}
