package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import dev.powerpages.emulator.appnode.chaos.ProcessCrash;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * {@code {"crash": true}} halts the JVM, which would end the test run too: the halt itself is replaced, the
 * decision to crash (admin key, answer) is what is tested here.
 */
@TestPropertySource(properties = "store.url=http://127.0.0.1:9")
@DirtiesContext
class ChaosCrashTest extends RunningNodeTestSupport {

    @MockitoBean
    ProcessCrash crash;

    @Test
    void crashNeedsTheAdminKeyThenEndsTheProcess() {
        assertThat(http.put("/_services/chaos", "{\"crash\":true}", "X-Admin-Key", "wrong")
                        .statusCode())
                .isEqualTo(401);
        verify(crash, never()).crashSoon();

        HttpResponse<String> response =
                http.put("/_services/chaos", "{\"crash\":true}", "X-Admin-Key", NodeHttp.ADMIN_KEY);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"crash\":true,\"message\":\"The node process exits now\"}");
        // The answer is flushed before the crash is scheduled, so the client may see it a moment before the call.
        verify(crash, timeout(5_000)).crashSoon();
    }
}
