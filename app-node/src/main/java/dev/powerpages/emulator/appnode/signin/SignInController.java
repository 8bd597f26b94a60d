package dev.powerpages.emulator.appnode.signin;

import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.util.HtmlUtils;

/**
 * Power Pages' local sign-in at its own paths: {@code /SignIn} (the form, and its POST) and
 * {@code /Account/Login/LogOff} (sign-out). A signed-in visitor gets the session cookie (HttpOnly, SameSite=Lax,
 * Secure on HTTPS). The form carries an anti-forgery token (double-submit: cookie and hidden field must match), as
 * Power Pages' forms carry {@code __RequestVerificationToken}, so another site cannot sign a visitor in.
 */
@Controller
class SignInController {

    static final String ANTI_FORGERY = "__RequestVerificationToken";
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SiteUsers users;
    private final SessionCookie sessionCookie;
    private final SignInProperties properties;
    private final SiteCache siteCache;

    SignInController(SiteUsers users, SessionCookie sessionCookie, SignInProperties properties, SiteCache siteCache) {
        this.users = users;
        this.sessionCookie = sessionCookie;
        this.properties = properties;
        this.siteCache = siteCache;
    }

    @GetMapping("/SignIn")
    ResponseEntity<String> form(HttpServletRequest request) {
        return form(request, HttpStatus.OK, null);
    }

    @PostMapping("/SignIn")
    ResponseEntity<String> signIn(HttpServletRequest request) {
        String expected = SignInFilter.cookie(request, ANTI_FORGERY);
        String sent = request.getParameter(ANTI_FORGERY);
        if (expected == null
                || sent == null
                || !MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            return form(request, HttpStatus.BAD_REQUEST, "The sign-in form has expired. Please try again.");
        }
        Optional<SiteUser> user;
        try {
            user = users.authenticate(request.getParameter("Username"), request.getParameter("Password"));
        } catch (StoreUnavailableException ex) {
            return form(
                    request,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "Sign-in is not available right now. Please try again later.");
        }
        if (user.isEmpty()) {
            // ASP.NET Identity's message: it does not tell whether the user name exists.
            return form(request, HttpStatus.OK, "Invalid sign-in attempt.");
        }
        ResponseCookie session = ResponseCookie.from(
                        properties.cookieName(), sessionCookie.issue(user.get().contactId()))
                .httpOnly(true)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(sessionCookie.maxAgeSeconds())
                .build();
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, returnUrl(request))
                .header(HttpHeaders.SET_COOKIE, session.toString())
                .header(HttpHeaders.SET_COOKIE, clearCookie(ANTI_FORGERY, request.isSecure()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @RequestMapping(
            path = "/Account/Login/LogOff",
            method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> signOut(HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, returnUrl(request))
                .header(HttpHeaders.SET_COOKIE, clearCookie(properties.cookieName(), request.isSecure()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    static String clearCookie(String name, boolean secure) {
        return ResponseCookie.from(name, "")
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/")
                .maxAge(0)
                .build()
                .toString();
    }

    private ResponseEntity<String> form(HttpServletRequest request, HttpStatus status, String error) {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String siteName = siteCache.current().map(SiteSnapshot::websiteName).orElse("Power Pages");
        String username = request.getParameter("Username");
        String body = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · "
                + escape(siteName)
                + "</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main class=\"page sign-in\">"
                + "<h1>Sign in</h1>"
                + (error == null
                        ? ""
                        : "<p class=\"validation-summary alert alert-danger\" role=\"alert\">" + escape(error) + "</p>")
                + "<form method=\"post\" action=\"/SignIn\">"
                + "<input type=\"hidden\" name=\"" + ANTI_FORGERY + "\" value=\"" + token + "\">"
                + "<input type=\"hidden\" name=\"ReturnUrl\" value=\"" + escape(returnUrl(request)) + "\">"
                + "<p><label for=\"Username\">Username</label> <input id=\"Username\" name=\"Username\" autocomplete=\"username\" value=\""
                + escape(username == null ? "" : username) + "\"></p>"
                + "<p><label for=\"Password\">Password</label> <input id=\"Password\" name=\"Password\" type=\"password\" autocomplete=\"current-password\"></p>"
                + "<p><button type=\"submit\">Sign in</button></p></form></main></body></html>";
        return ResponseEntity.status(status)
                .contentType(HTML)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(
                        HttpHeaders.SET_COOKIE,
                        ResponseCookie.from(ANTI_FORGERY, token)
                                .httpOnly(true)
                                .secure(request.isSecure())
                                .sameSite("Lax")
                                .path("/SignIn")
                                .build()
                                .toString())
                .body(body);
    }

    /** Only a path on this site (no scheme, no {@code //host}): an open redirect would help phishing. */
    static String returnUrl(HttpServletRequest request) {
        String wanted = request.getParameter("ReturnUrl");
        if (wanted == null) {
            wanted = request.getParameter("returnUrl");
        }
        if (wanted == null
                || !wanted.startsWith("/")
                || wanted.startsWith("//")
                || wanted.startsWith("/\\")
                || wanted.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return wanted;
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name());
    }
}
