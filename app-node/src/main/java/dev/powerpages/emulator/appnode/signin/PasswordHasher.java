package dev.powerpages.emulator.appnode.signin;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the format Power Pages keeps in {@code contact.adx_identity_passwordhash}: ASP.NET Identity's
 * {@code PasswordHasher}, base64 of a format marker and PBKDF2 output (JDK PBKDF2, no extra dependency).
 *
 * <ul>
 * <li>V2 ({@code 0x00 | salt[16] | subkey[32]}, PBKDF2-HMAC-SHA1, 1,000 iterations): the ASP.NET Identity 2 format
 * of Power Pages' local sign-in, verified so a contact copied from a real site signs in;</li>
 * <li>V3 ({@code 0x01 | prf | iterations | salt length | salt | subkey}, big-endian integers, prf 0 = SHA1,
 * 1 = SHA256, 2 = SHA512): ASP.NET Core Identity's format, verified and written (SHA-256, 100,000 iterations).</li>
 * </ul>
 */
public final class PasswordHasher {

    private static final int V3_ITERATIONS = 100_000;
    private static final String[] PRF = {"PBKDF2WithHmacSHA1", "PBKDF2WithHmacSHA256", "PBKDF2WithHmacSHA512"};
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {}

    /** A V3 hash of the password (new random salt). */
    public static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] subkey = pbkdf2(PRF[1], password, salt, V3_ITERATIONS, 32);
        ByteBuffer out = ByteBuffer.allocate(13 + salt.length + subkey.length);
        out.put((byte) 0x01)
                .putInt(1)
                .putInt(V3_ITERATIONS)
                .putInt(salt.length)
                .put(salt)
                .put(subkey);
        return Base64.getEncoder().encodeToString(out.array());
    }

    /** Whether the password matches the stored hash; a malformed or empty hash matches nothing. */
    public static boolean verify(String storedHash, String password) {
        if (storedHash == null || storedHash.isBlank() || password == null) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(storedHash.strip());
        } catch (IllegalArgumentException ex) {
            return false;
        }
        if (decoded.length == 49 && decoded[0] == 0x00) {
            byte[] salt = java.util.Arrays.copyOfRange(decoded, 1, 17);
            byte[] expected = java.util.Arrays.copyOfRange(decoded, 17, 49);
            return MessageDigest.isEqual(expected, pbkdf2(PRF[0], password, salt, 1000, 32));
        }
        if (decoded.length > 13 && decoded[0] == 0x01) {
            ByteBuffer in = ByteBuffer.wrap(decoded, 1, decoded.length - 1);
            int prf = in.getInt();
            int iterations = in.getInt();
            int saltLength = in.getInt();
            int subkeyLength = decoded.length - 13 - saltLength;
            if (prf < 0
                    || prf >= PRF.length
                    || iterations < 1
                    || iterations > 10_000_000
                    || saltLength < 8
                    || subkeyLength < 16) {
                return false;
            }
            byte[] salt = new byte[saltLength];
            in.get(salt);
            byte[] expected = new byte[subkeyLength];
            in.get(expected);
            return MessageDigest.isEqual(expected, pbkdf2(PRF[prf], password, salt, iterations, subkeyLength));
        }
        return false;
    }

    private static byte[] pbkdf2(String algorithm, String password, byte[] salt, int iterations, int length) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("PBKDF2 is not available: " + algorithm, ex);
        }
    }

    /** Prints a V3 hash: {@code java -cp app-node.jar … PasswordHasher <password>} (how the seed's hashes were made). */
    public static void main(String[] args) {
        System.out.println(hash(args.length == 0 ? "" : args[0]));
    }
}
