package dev.powerpages.emulator.appnode.signin;

import dev.powerpages.emulator.appnode.node.NodePaths;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Recognises a signed-in visitor by the session cookie and puts the {@link SiteUser} on the request. A cookie that
 * is forged, expired or names a contact that no longer may sign in is dropped; the visitor is anonymous.
 */
@Component
class SignInFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SignInFilter.class);

    private final SessionCookie sessionCookie;
    private final SiteUsers users;
    private final SignInProperties properties;

    SignInFilter(SessionCookie sessionCookie, SiteUsers users, SignInProperties properties) {
        this.sessionCookie = sessionCookie;
        this.users = users;
        this.properties = properties;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return NodePaths.isNodeService(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String value = cookie(request, properties.cookieName());
        if (value != null) {
            String contactId = sessionCookie.contactId(value).orElse(null);
            try {
                SiteUser user = contactId == null ? null : users.byId(contactId).orElse(null);
                if (user != null) {
                    request.setAttribute(SiteUser.REQUEST_ATTRIBUTE, user);
                } else {
                    response.addHeader(
                            "Set-Cookie", SignInController.clearCookie(properties.cookieName(), request.isSecure()));
                }
            } catch (StoreUnavailableException | IllegalStateException ex) {
                // The store cannot say who this is right now: serve the request anonymously, keep the cookie.
                log.debug("Signed-in contact {} could not be read: {}", contactId, ex.getMessage());
            }
        }
        chain.doFilter(request, response);
    }

    static String cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return cookie.getValue();
            }
        }
        return null;
    }
}
