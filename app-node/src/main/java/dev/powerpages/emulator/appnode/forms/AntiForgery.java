package dev.powerpages.emulator.appnode.forms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.powerpages.emulator.appnode.signin.SiteUser;

import org.springframework.stereotype.Component;

/**
 * The {@code __RequestVerificationToken} Power Pages (ASP.NET) puts in every form it renders and checks on the post,
 * so that another site cannot make a signed-in visitor submit a form. ASP.NET pairs a cookie with the field and binds
 * the token to the user; the emulator binds it to the visitor (the contact, or "anonymous") and to the time it was
 * issued with an HMAC under a key every node shares ({@code forms.anti-forgery-secret}), so no cookie is needed and a
 * form rendered in one region can be submitted to the other. Signing is also how a multistep form's progress
 * travels in the page ({@link #sign}, {@link #verify}) instead of Power Pages' {@code adx_webformsession} rows.
 */
@Component
public class AntiForgery {

    public static final String FIELD = "__RequestVerificationToken";

    private final byte[] key;
    private final long lifetimeSeconds;
    private final Clock clock;

    public AntiForgery(FormsProperties properties) {
        this.key = properties.antiForgerySecret().getBytes(StandardCharsets.UTF_8);
        this.lifetimeSeconds = properties.antiForgeryLifetime().toSeconds();
        this.clock = Clock.systemUTC();
    }

    /** A token for this visitor ({@code null}: anonymous), valid for {@code forms.anti-forgery-lifetime}. */
    public String token(SiteUser user) {
        long issued = Instant.now(clock).getEpochSecond();
        return issued + "." + mac("token\n" + visitor(user) + "\n" + issued);
    }

    /** Whether a posted token was issued to this visitor by a node of this stack and has not expired. */
    public boolean valid(String token, SiteUser user) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long issued;
        try {
            issued = Long.parseLong(token.substring(0, dot));
        }
        catch (NumberFormatException ex) {
            return false;
        }
        long age = Instant.now(clock).getEpochSecond() - issued;
        return age >= 0 && age <= lifetimeSeconds && equal(token.substring(dot + 1), mac("token\n" + visitor(user) + "\n" + issued));
    }

    /** A value the page carries and the node must get back unchanged ({@code value.signature}). */
    public String sign(String value) {
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + mac("state\n" + encoded);
    }

    /** The value {@link #sign} signed, or {@code null} if it was changed or is not signed. */
    public String verify(String signed) {
        if (signed == null) {
            return null;
        }
        int dot = signed.lastIndexOf('.');
        if (dot <= 0 || !equal(signed.substring(dot + 1), mac("state\n" + signed.substring(0, dot)))) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(signed.substring(0, dot)), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static String visitor(SiteUser user) {
        return user == null ? "anonymous" : "contact:" + user.contactId();
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
