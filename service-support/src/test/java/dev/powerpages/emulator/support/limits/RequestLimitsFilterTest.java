package dev.powerpages.emulator.support.limits;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.StreamUtils;
import org.springframework.util.unit.DataSize;

class RequestLimitsFilterTest {

    private final List<String> rejections = new ArrayList<>();
    private final RequestLimitsFilter filter = new RequestLimitsFilter(
            new RequestLimits(100, DataSize.ofBytes(200), DataSize.ofBytes(50), 3),
            "this test server",
            path -> path.startsWith("/api/"),
            (response, path, status, code, message) -> {
                rejections.add(status + " " + code + " " + path + ": " + message);
                response.setStatus(status);
            });

    @Test
    void aUrlOverTheLimitIsRefusedWith414NamingTheServer() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/things");
        request.setQueryString("q=" + "x".repeat(100));

        MockFilterChain chain = run(request);

        assertThat(chain.getRequest()).isNull();
        assertThat(rejections)
                .containsExactly(
                        "414 UriTooLong /api/things: The URL is 114 characters long; this test server accepts at most 100.");
    }

    @Test
    void headersOverTheLimitAreRefusedWith431() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/page");
        request.addHeader("X-Big", "x".repeat(200));

        assertThat(run(request).getRequest()).isNull();
        assertThat(rejections)
                .containsExactly("431 RequestHeaderFieldsTooLarge /page: The request headers are 209 bytes; "
                        + "this test server accepts at most 200.");
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
        MockHttpServletRequest request = json("POST", "/api/things", "{\"pad\":\"" + "x".repeat(60) + "\"}");

        assertThat(run(request).getRequest()).isNull();
        assertThat(rejections)
                .containsExactly(
                        "413 PayloadTooLarge /api/things: The request body is larger than the 50 bytes this test server accepts.");
        assertThat(request.getInputStream().read())
                .as("the body is left unread")
                .isEqualTo('{');
    }

    @Test
    void aBodyOfUnknownLengthOverTheLimitIsRefusedWith413Too() throws Exception {
        MockHttpServletRequest request =
                new UndeclaredLengthRequest("PUT", "/api/things", "[" + "1,".repeat(40) + "1]");

        assertThat(run(request).getRequest()).isNull();
        assertThat(rejections).singleElement().asString().startsWith("413 PayloadTooLarge /api/things: ");
    }

    @Test
    void jsonNestedBeyondTheLimitIsRefusedWith400() throws Exception {
        assertThat(run(json("PATCH", "/anywhere", "{\"a\":[[[1]]]}")).getRequest())
                .isNull();
        assertThat(rejections)
                .containsExactly("400 BadRequest /anywhere: The JSON body nests arrays and objects more than 3 deep.");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedWith415OnlyWhereThePathTakesJsonOnly() throws Exception {
        MockHttpServletRequest api = body("POST", "/api/things", "text/plain", "hello");
        assertThat(run(api).getRequest()).isNull();
        assertThat(rejections)
                .containsExactly("415 UnsupportedMediaType /api/things: "
                        + "The request body must be JSON (Content-Type: application/json), not 'text/plain'.");

        MockHttpServletRequest page = body("POST", "/page", "text/plain", "hello");
        assertThat(run(page).getRequest()).isNotNull();
        assertThat(rejections).hasSize(1);
    }

    @Test
    void aBodyWithinTheLimitsReachesTheApplicationReadableOnceMore() throws Exception {
        String body = "{\"name\":\"Ünïcode\"}";
        MockFilterChain chain = run(json("POST", "/api/things", body));

        assertThat(rejections).isEmpty();
        HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
        byte[] expected = body.getBytes(StandardCharsets.UTF_8);
        assertThat(passed.getContentLengthLong()).isEqualTo(expected.length);
        assertThat(passed.getContentLength()).isEqualTo(expected.length);
        try (InputStream in = passed.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(expected);
        }
        assertThat(passed.getReader().readLine()).isEqualTo(body);
    }

    @Test
    void formPostsAreLeftToTomcatsParameterParsing() throws Exception {
        MockHttpServletRequest form =
                body("POST", "/api/sign-in", "application/x-www-form-urlencoded", "user=a&secret=b");

        MockFilterChain chain = run(form);

        assertThat(rejections).isEmpty();
        assertThat(chain.getRequest()).as("the very request, its body unread").isSameAs(form);
        assertThat(StreamUtils.copyToString(form.getInputStream(), StandardCharsets.UTF_8))
                .isEqualTo("user=a&secret=b");
    }

    @Test
    void requestsWithoutABodyPassUntouched() throws Exception {
        MockHttpServletRequest get = new MockHttpServletRequest("GET", "/api/things");

        assertThat(run(get).getRequest()).isSameAs(get);
        assertThat(rejections).isEmpty();
    }

    private MockFilterChain run(MockHttpServletRequest request) throws Exception {
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return chain;
    }

    private static MockHttpServletRequest json(String method, String path, String body) {
        return body(method, path, "application/json", body);
    }

    private static MockHttpServletRequest body(String method, String path, String contentType, String body) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType(contentType);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

    /** A chunked request: the body arrives without a declared length. */
    private static final class UndeclaredLengthRequest extends MockHttpServletRequest {

        UndeclaredLengthRequest(String method, String path, String body) {
            super(method, path);
            setContentType("application/json");
            setContent(body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }
    }
}
