package dev.powerpages.emulator.appnode.signin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** ASP.NET Identity password hashes, as Power Pages stores them on contacts. */
class PasswordHasherTest {

    @Test
    void aNewHashVerifiesOnlyItsOwnPassword() {
        String hash = PasswordHasher.hash("Contoso-Demo-1");

        assertThat(PasswordHasher.verify(hash, "Contoso-Demo-1")).isTrue();
        assertThat(PasswordHasher.verify(hash, "contoso-demo-1")).isFalse();
        assertThat(PasswordHasher.hash("Contoso-Demo-1")).as("salted").isNotEqualTo(hash);
    }

    @Test
    void verifiesTheSeedsDemoUsersAndAnAspNetIdentityV2Hash() {
        assertThat(PasswordHasher.verify(
                        "AQAAAAEAAYagAAAAEGfKcS1B2Tddhqz7caHZlwxUeR2PwKVAglIWya9EaJPqPSardtFMSPO4c68SZlED8Q==",
                        "Contoso-Demo-1"))
                .isTrue();
        assertThat(PasswordHasher.verify(
                        "AAABAgMEBQYHCAkKCwwNDg9OUNztBGzgU6iekChG3Pw1qm11imGwRyeLswrzgBaOpQ==", "Grace-Password-1"))
                .isTrue();
    }

    @Test
    void malformedOrEmptyHashesMatchNothing() {
        assertThat(PasswordHasher.verify(null, "x")).isFalse();
        assertThat(PasswordHasher.verify("", "")).isFalse();
        assertThat(PasswordHasher.verify("not base64!", "x")).isFalse();
        assertThat(PasswordHasher.verify("AQAAAAEAAAAA", "x")).isFalse();
        assertThat(PasswordHasher.verify(
                        "AQAAAAn/////AAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "x"))
                .isFalse();
    }
}
