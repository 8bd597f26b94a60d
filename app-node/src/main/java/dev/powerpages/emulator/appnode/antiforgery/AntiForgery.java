package dev.powerpages.emulator.appnode.antiforgery;

import dev.powerpages.emulator.appnode.signin.SignInProperties;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Power Pages' anti-forgery token, as ASP.NET's anti-forgery works behind it, for the Web API and the forms alike: a
 * cookie token ({@code __RequestVerificationToken}, HttpOnly) and a request token — what {@code /_layout/tokenhtml}
 * hands the page's script (Microsoft's {@code safeAjax} wrapper sends it back in the {@code __RequestVerificationToken}
 * header) and what a basic or multistep form carries in its hidden {@code __RequestVerificationToken} field. The
 * request token is tied to the cookie token and to the visitor (as ASP.NET ties it to the user name): a token fetched
 * before signing in no longer matches afterwards, and another site can neither read the token nor forge one.
 *
 * <p>The request token is an HMAC of the cookie token and the contact id under {@code signin.cookie-secret}, the key
 * every node shares: a token fetched from one region stays good after a failover to the other.
 */
@Component
public class AntiForgery {

    public static final String NAME = "__RequestVerificationToken";
    /** Request attribute: the cookie token this request already set, so several forms on a page share it. */
    private static final String ISSUED = AntiForgery.class.getName() + ".issued";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    public AntiForgery(SignInProperties properties) {
        this.key = ("anti-forgery\n" + properties.cookieSecret()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The request token for the visitor of the request being served, for a form to carry: the browser's cookie token
     * is used, or one is made and set on the response (once per request, however many forms the page has). For
     * Liquid tags, which render on a render thread that carries the request's attributes.
     *
     * @throws IllegalStateException outside a request
     */
    public String requestTokenForCurrentRequest() {
        ServletRequestAttributes attributes =
                (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        HttpServletRequest request = attributes.getRequest();
        String cookieToken = (String) request.getAttribute(ISSUED);
        if (cookieToken == null) {
            cookieToken = cookieToken(request);
        }
        if (cookieToken == null) {
            cookieToken = newCookieToken();
            HttpServletResponse response = attributes.getResponse();
            if (response != null) {
                response.addHeader(
                        HttpHeaders.SET_COOKIE,
                        cookie(cookieToken, request.isSecure()).toString());
            }
        }
        attributes.setAttribute(ISSUED, cookieToken, RequestAttributes.SCOPE_REQUEST);
        return requestToken(cookieToken, request);
    }

    /** The visitor's cookie token, or {@code null} when the browser holds none yet. */
    public String cookieToken(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())
                    && cookie.getValue() != null
                    && cookie.getValue().matches("[A-Za-z0-9_-]{32}")) {
                return cookie.getValue();
            }
        }
        return null;
    }

    public String newCookieToken() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public ResponseCookie cookie(String cookieToken, boolean secure) {
        return ResponseCookie.from(NAME, cookieToken)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Lax")
                .path("/")
                .build();
    }

    /** The request token for a cookie token and the visitor making the request. */
    public String requestToken(String cookieToken, HttpServletRequest request) {
        String contact = SiteUser.current(request).map(SiteUser::contactId).orElse("");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((cookieToken + "\n" + contact).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Whether a write carries a valid token: the header (or form field) {@code __RequestVerificationToken} matches the
     * cookie token for this visitor. Any cookie of that name may be the one (the sign-in form keeps one of its own).
     */
    public boolean valid(HttpServletRequest request) {
        return valid(request, request.getHeader(NAME));
    }

    /** Whether {@code sent} (a posted form's field) is the request token for this visitor and a cookie token they hold. */
    public boolean valid(HttpServletRequest request, String sent) {
        if (sent == null || sent.isBlank()) {
            return false;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName())
                    && cookie.getValue() != null
                    && MessageDigest.isEqual(
                            requestToken(cookie.getValue(), request).getBytes(StandardCharsets.UTF_8),
                            sent.strip().getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
