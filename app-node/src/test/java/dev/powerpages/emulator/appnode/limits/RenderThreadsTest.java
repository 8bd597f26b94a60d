package dev.powerpages.emulator.appnode.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** A time-limited render runs on another thread: it must still see the visitor's sign-in and request. */
class RenderThreadsTest {

    private final ExecutorService threads = RenderThreads.create();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
        threads.shutdownNow();
    }

    @Test
    void theRenderThreadSeesTheRequestThreadsUserAndRequestAndKeepsNothingAfterwards() throws Exception {
        SecurityContextHolder.getContext()
                .setAuthentication(new TestingAuthenticationToken("ada@contoso.example", null));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/profile/");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        String seen = threads.submit(() ->
                        SecurityContextHolder.getContext().getAuthentication().getName() + " "
                                + ((ServletRequestAttributes) RequestContextHolder.getRequestAttributes())
                                        .getRequest()
                                        .getRequestURI())
                .get(5, TimeUnit.SECONDS);
        assertThat(seen).isEqualTo("ada@contoso.example /profile/");

        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
        // The same (reused) thread, for the next request: nothing of the previous visitor is left.
        Object leftOver = threads.submit(
                        () -> SecurityContextHolder.getContext().getAuthentication())
                .get(5, TimeUnit.SECONDS);
        assertThat(leftOver).isNull();
    }
}
