package dev.powerpages.emulator.store.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * No secret reaches the log: neither client secrets (right or wrong) nor the access tokens the
 * store issues, nor the bearer tokens it validates. The store's and Spring Security's loggers run at
 * DEBUG here, more talkative than the INFO a user runs with, so a secret logged "only at debug"
 * is caught too.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
class SecretsNotLoggedTest {

    private static final String WRONG_SECRET = "wrong-secret-7f3a9c";
    private static final List<String> TALKATIVE =
            List.of("dev.powerpages", "org.springframework.security", "org.springframework.web");

    /**
     * Set on the logging system for this test only, not as context properties: levels outlive the
     * context that set them and would flood the other tests' output.
     */
    @BeforeEach
    void debugLogging() {
        TALKATIVE.forEach(logger -> logging().setLogLevel(logger, LogLevel.DEBUG));
    }

    @AfterEach
    void quietAgain() {
        TALKATIVE.forEach(logger -> logging().setLogLevel(logger, null));
    }

    private static LoggingSystem logging() {
        return LoggingSystem.get(SecretsNotLoggedTest.class.getClassLoader());
    }

    @LocalServerPort
    int port;

    @Test
    void tokensAndClientSecretsNeverAppearInTheLog(CapturedOutput output) {
        StoreClient client = new StoreClient(port);
        String token = client.token();
        String studioToken = client.token("powerpages-studio");
        assertThat(client.requestToken("powerpages-site", WRONG_SECRET).status())
                .isEqualTo(401);
        assertThat(client.requestTokenWithBasicAuth("powerpages-site", "emulator-secret")
                        .status())
                .isEqualTo(200);
        assertThat(client.get("accounts?$top=1", token).status()).isEqualTo(200);
        assertThat(client.get("accounts?$top=1", token.substring(0, token.length() - 4) + "AAAA")
                        .status())
                .isEqualTo(401);
        assertThat(client.send("POST", "accounts", studioToken, "{\"name\":\"Logged?\"}")
                        .status())
                .isEqualTo(204);

        assertThat(output.getAll())
                .as("the log mentions the requests at all (else the capture proves nothing)")
                .contains("/oauth2/v2.0/token")
                .doesNotContain("emulator-secret")
                .doesNotContain(WRONG_SECRET)
                .doesNotContain(token.split("\\.")[2])
                .doesNotContain(studioToken.split("\\.")[2]);
    }
}
