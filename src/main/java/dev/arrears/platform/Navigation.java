package dev.arrears.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The main navigation by role: every page rendered through a view gets {@code nav}, the links the signed-in user
 * may follow, its name and roles, and the page's path (for the language switch). A link shown is a page the role
 * may open; the security rules, not this list, are what refuse the others.
 */
class Navigation implements HandlerInterceptor {

    /** A navigation link: a path, the message key of its label, and the roles shown it (empty: everyone). */
    record Link(String path, String label, Set<Role> roles) {
    }

    /** What the layout needs: the links, the user, its roles and the current path. */
    record Menu(List<Link> links, String user, List<Role> roles, String path) {

        /** Returns true when the user holds the role. */
        public boolean has(String role) {
            return roles.stream().anyMatch(r -> r.name().equals(role));
        }
    }

    static final List<Link> LINKS = List.of(
            new Link("/dashboard", "nav.dashboard", EnumSet.complementOf(EnumSet.of(Role.AGENCY))),
            new Link("/", "nav.portfolio", Set.of()),
            new Link("/#accounts", "nav.accounts", Set.of()),
            new Link("/workbench", "nav.workbench", EnumSet.of(Role.COLLECTOR, Role.SUPERVISOR, Role.MANAGER,
                    Role.AGENCY, Role.ADMIN)),
            new Link("/outbox", "nav.outbox", EnumSet.complementOf(EnumSet.of(Role.AGENCY))),
            new Link("/letters", "nav.letters", EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SUPERVISOR, Role.AUDITOR)),
            new Link("/cycles", "nav.cycles", EnumSet.of(Role.ADMIN, Role.MANAGER, Role.STRATEGIST, Role.SUPERVISOR,
                    Role.AUDITOR)),
            new Link("/strategies", "nav.strategies", EnumSet.of(Role.ADMIN, Role.STRATEGIST, Role.MANAGER,
                    Role.SUPERVISOR, Role.AUDITOR)),
            new Link("/admin/users", "nav.users", EnumSet.of(Role.ADMIN)),
            new Link("/swagger-ui.html", "nav.api", EnumSet.of(Role.ADMIN, Role.STRATEGIST, Role.MANAGER,
                    Role.AUDITOR)));

    /** Roles that land on the dashboard after signing in (without a page they were asked for); others on "/". */
    static final Set<Role> DASHBOARD_FIRST = EnumSet.of(Role.MANAGER, Role.SUPERVISOR, Role.STRATEGIST, Role.ADMIN,
            Role.AUDITOR);

    /** Returns the page a user lands on after signing in: the dashboard for overseeing roles, else the portfolio. */
    static String landing(Authentication authentication) {
        boolean overseer = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> DASHBOARD_FIRST.stream().anyMatch(r -> a.equals("ROLE_" + r.name())));
        return overseer ? "/dashboard" : "/";
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
                           ModelAndView mav) {
        if (mav == null || (mav.getViewName() != null && mav.getViewName().startsWith("redirect:"))) {
            return;
        }
        mav.addObject("nav", menu(SecurityContextHolder.getContext().getAuthentication(),
                request.getRequestURI().substring(request.getContextPath().length())));
    }

    /** Returns the menu of a user (anonymous: none of the links). */
    static Menu menu(Authentication authentication, String path) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication.getAuthorities().stream().noneMatch(a -> a.getAuthority().startsWith("ROLE_"))) {
            return new Menu(List.of(), "", List.of(), path);
        }
        List<Role> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5))
                .flatMap(a -> Arrays.stream(Role.values()).filter(r -> r.name().equals(a))).sorted().toList();
        List<Link> links = LINKS.stream()
                .filter(l -> l.roles().isEmpty() || l.roles().stream().anyMatch(roles::contains)).toList();
        return new Menu(links, authentication.getName(), roles, path);
    }
}
