package dev.powerpages.emulator.appnode.forms;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * A value a page carries and the node must get back unchanged: a multistep form's progress travels in the page this
 * way ({@link #sign}, {@link #verify}) instead of Power Pages' {@code adx_webformsession} rows. Signed with an HMAC
 * under a key every node shares ({@code forms.state-secret}), so a step rendered by one region can be submitted to
 * the other after a failover. (The forms' anti-forgery token is the site's one: {@code antiforgery.AntiForgery}.)
 */
@Component
public class SignedState {

    private final byte[] key;

    public SignedState(FormsProperties properties) {
        this.key = properties.stateSecret().getBytes(StandardCharsets.UTF_8);
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
        } catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
