package dev.arrears.platform;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in (the login form and HTTP Basic) behind the {@link LoginThrottle}: a locked name or address is
 * refused before its password is checked, a failure is counted, and the failure that reaches the limit is already
 * answered as a lock-out. The lock-out message is the same for every name, real or not.
 */
class ThrottledAuthentication implements AuthenticationProvider {

    static final String LOCKED = "Too many failed sign-ins: try again later";

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;

    ThrottledAuthentication(DaoAuthenticationProvider passwords, LoginThrottle throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String name = authentication.getName();
        String client = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress()
                : "unknown";
        if (throttle.lockedUntil(name, client).isPresent()) {
            throw new LockedException(LOCKED);
        }
        Authentication done;
        try {
            done = passwords.authenticate(authentication);
        } catch (InternalAuthenticationServiceException e) {
            throw e;
        } catch (AuthenticationException e) {
            if (throttle.failed(name, client)) {
                throw new LockedException(LOCKED, e);
            }
            throw e;
        }
        throttle.succeeded(name);
        return done;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
