package dev.powerpages.emulator.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.cli.FakeStack;
import dev.powerpages.emulator.cli.http.Http;
import java.net.URI;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private final FakeStack stack = new FakeStack();
    private final Http http = new Http();

    @AfterEach
    void close() {
        stack.close();
    }

    private Http.Response fetch(MockResponse response) {
        stack.answer("/page", () -> response);
        return http.get(URI.create(stack.url() + "/page"));
    }

    private Http.Response html(int status, String body) {
        return fetch(FakeStack.response(status, "text/html; charset=utf-8", body));
    }

    @Test
    void aPageServedWithItsContentIsServedAndNamesWhatIsNotEmulated() {
        Verdict verdict = Classifier.page(
                200,
                html(
                        200,
                        "<html><body><h1>Home</h1>"
                                + "<!-- Power Pages Stack Emulator: tag powerbi is not emulated --><p>x</p>"
                                + "<!-- Power Pages Stack Emulator: tag powerbi is not emulated -->"
                                + "<!-- Power Pages Stack Emulator: filter &quot;translate&quot; is not emulated --></body></html>"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.SERVED);
        assertThat(verdict.notEmulated()).containsExactly("tag powerbi", "tag powerbi", "filter \"translate\"");
    }

    @Test
    void theNodesTemplateErrorPageFailsWithTheTemplateTheLineAndTheMessage() {
        String errorPage = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Liquid error</title></head><body>"
                + "<h1>500 Liquid error</h1><p>The web template <strong class=\"template\">Header &amp; Nav</strong>"
                + "<span class=\"line\">, line 12</span> could not be rendered:</p><pre>unknown tag &#39;frobnicate&#39;\n  at token</pre>"
                + "</body></html>";

        Verdict verdict = Classifier.page(200, html(500, errorPage));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.why())
                .isEqualTo("500 template error in 'Header & Nav' line 12: unknown tag 'frobnicate' at token");
    }

    @Test
    void liquidErrorTextInAPageServedWith200IsAFailure() {
        Verdict verdict = Classifier.page(
                200,
                html(
                        200,
                        "<html><body><div>Liquid error: Exception has been thrown by the target"
                                + " of an invocation.</div><p>rest of the page</p></body></html>"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.why())
                .isEqualTo("Liquid error text in the page: Exception has been thrown by the target of an invocation.");
    }

    @Test
    void aRestrictedPageThatRedirectsToSignInOrAnswers403IsAnsweredAsItsRulesSay() {
        Http.Response signIn = fetch(new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "http://localhost:8080/SignIn?returnUrl=%2Fmembers%2F")
                .build());
        assertThat(Classifier.page(302, signIn).outcome()).isEqualTo(Outcome.ACCESS_RULE);

        Http.Response languagePrefixed = fetch(new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "/en-US/Account/Login/Login")
                .build());
        assertThat(Classifier.page(302, languagePrefixed).outcome()).isEqualTo(Outcome.ACCESS_RULE);

        assertThat(Classifier.page(302, html(403, "<h1>Forbidden</h1>")).outcome())
                .isEqualTo(Outcome.ACCESS_RULE);
    }

    @Test
    void aRestrictedPageServedToAnAnonymousVisitorFails() {
        Verdict verdict = Classifier.page(302, html(200, "<h1>Members only</h1>"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.why()).contains("restrict");
    }

    @Test
    void aPageAnyoneMayReadThatSendsVisitorsToSignInFails() {
        Http.Response signIn = fetch(new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "/SignIn?returnUrl=%2F")
                .build());

        Verdict verdict = Classifier.page(200, signIn);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.why()).isEqualTo("302 redirect to sign in although its access rules let anyone read it");
    }

    @Test
    void anEdgeErrorIsNamedByItsCode() {
        Verdict verdict = Classifier.page(
                200,
                fetch(
                        FakeStack.response(
                                504,
                                "application/json",
                                "{\"error\":{\"code\":\"OriginTimeout\",\"message\":\"The origin did not answer in time\",\"reference\":\"r1\"}}")));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.why()).isEqualTo("504 OriginTimeout: The origin did not answer in time");
    }

    @Test
    void aNotFoundPageSaysWhatTheNodeAnswered() {
        Verdict verdict = Classifier.page(
                200,
                html(
                        404,
                        "<html><head><title>x</title></head><body><h1>404 Page not found</h1>"
                                + "<p>There is no page at <code>/gone/</code>.</p></body></html>"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(verdict.why()).isEqualTo("404: 404 Page not found There is no page at /gone/ .");
    }

    @Test
    void aWebFileIsServedWhenItsMediaTypeIsTheOneItsRowNamesWhateverTheParameters() {
        Http.Response css = fetch(FakeStack.response(200, "text/css;charset=UTF-8", "body{}"));

        assertThat(Classifier.webFile(200, "text/css", css).outcome()).isEqualTo(Outcome.SERVED);
        assertThat(Classifier.webFile(200, "TEXT/CSS", css).outcome()).isEqualTo(Outcome.SERVED);
    }

    @Test
    void aWebFileWithAnotherContentTypeOrNoneIsWrongAndA404IsMissing() {
        Verdict wrong =
                Classifier.webFile(200, "image/png", fetch(FakeStack.response(200, "application/octet-stream", "PNG")));
        assertThat(wrong.outcome()).isEqualTo(Outcome.WRONG_TYPE);
        assertThat(wrong.why()).isEqualTo("served as application/octet-stream, its row says image/png");

        assertThat(Classifier.webFile(200, "text/css", html(404, "nope")).outcome())
                .isEqualTo(Outcome.MISSING);
    }

    @Test
    void aWebFileUnderARestrictedPageAnswersAnonymousVisitorsWithSignIn() {
        Http.Response signIn = fetch(new MockResponse.Builder()
                .code(302)
                .addHeader("Location", "/SignIn?returnUrl=%2Fm%2Fa.pdf")
                .build());

        assertThat(Classifier.webFile(302, "application/pdf", signIn).outcome()).isEqualTo(Outcome.ACCESS_RULE);
        assertThat(Classifier.webFile(302, "application/pdf", fetch(FakeStack.response(200, "application/pdf", "%PDF")))
                        .outcome())
                .isEqualTo(Outcome.FAILED);
    }
}
