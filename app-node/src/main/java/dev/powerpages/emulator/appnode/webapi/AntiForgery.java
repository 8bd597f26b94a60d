package dev.powerpages.emulator.appnode.webapi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import dev.powerpages.emulator.appnode.signin.SignInProperties;
import dev.powerpages.emulator.appnode.signin.SiteUser;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Power Pages' anti-forgery token for the Web API, as ASP.NET's anti-forgery works behind it: a cookie token
 * ({@code __RequestVerificationToken}, HttpOnly) and a request token that {@code /_layout/tokenhtml} hands the page's
 * script, which Microsoft's {@code safeAjax} wrapper sends back in the {@code __RequestVerificationToken} header. The
 * request token is tied to the cookie token and to the visitor (as ASP.NET ties it to the user name): a token fetched
 * before signing in no longer matches afterwards, and another site can neither read the token nor forge one.
 *
 * <p>The request token is an HMAC of the cookie token and the contact id under {@code signin.cookie-secret}, the key
 * every node shares: a token fetched from one region stays good after a failover to the other.
 */
@Component
public class AntiForgery {

    public static final String NAME = "__RequestVerificationToken";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;

    AntiForgery(SignInProperties properties) {
        this.key = ("anti-forgery\n" + properties.cookieSecret()).getBytes(StandardCharsets.UTF_8);
    }

    /** The visitor's cookie token, or {@code null} when the browser holds none yet. */
    String cookieToken(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().matches("[A-Za-z0-9_-]{32}")) {
                return cookie.getValue();
            }
        }
        return null;
    }

    String newCookieToken() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    ResponseCookie cookie(String cookieToken, boolean secure) {
        return ResponseCookie.from(NAME, cookieToken).httpOnly(true).secure(secure).sameSite("Lax").path("/").build();
    }

    /** The request token for a cookie token and the visitor making the request. */
    String requestToken(String cookieToken, HttpServletRequest request) {
        String contact = SiteUser.current(request).map(SiteUser::contactId).orElse("");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((cookieToken + "\n" + contact).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Whether a write carries a valid token: the header (or form field) {@code __RequestVerificationToken} matches the
     * cookie token for this visitor. Any cookie of that name may be the one (the sign-in form keeps one of its own).
     */
    boolean valid(HttpServletRequest request) {
        String sent = request.getHeader(NAME);
        if (sent == null || sent.isBlank()) {
            return false;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null && MessageDigest.isEqual(
                    requestToken(cookie.getValue(), request).getBytes(StandardCharsets.UTF_8), sent.strip().getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
