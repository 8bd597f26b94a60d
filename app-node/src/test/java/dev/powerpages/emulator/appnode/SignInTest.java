package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Local sign-in of contacts at /SignIn, the session cookie, the Liquid {@code user} object, and /_api and fetchxml
 * following the signed-in contact's web roles.
 */
class SignInTest extends FakeStoreTestSupport {

    private static final Pattern TOKEN = Pattern.compile("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void signsInWithTheRightPasswordAndGetsAnHttpOnlySameSiteLaxSessionCookie() {
        HttpResponse<String> response = signIn("ada", "Ada-Password-1", "/profile/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/profile/");
        String session = sessionCookieHeader(response);
        assertThat(session).startsWith(".AspNet.ApplicationCookie=").contains("HttpOnly", "SameSite=Lax", "Path=/");
        assertThat(http.get("/profile/", "Cookie", cookie(session)).body())
                .contains("Signed in as Ada Lovelace (ada@contoso.example) first=Ada id=" + FakeMetadataStore.ADA
                        + " roles=Authenticated Users,Managers");
    }

    @Test
    void aWrongPasswordOrAContactThatMayNotSignInGetsNoSession() {
        for (String[] attempt : List.of(
                new String[] {"ada", "wrong"},
                new String[] {"nobody", "Ada-Password-1"},
                new String[] {"locked", "Ada-Password-1"},
                new String[] {"ada' or '1' eq '1", "x"})) {
            HttpResponse<String> response = signIn(attempt[0], attempt[1], "/");

            assertThat(response.statusCode()).as(attempt[0]).isEqualTo(200);
            assertThat(response.body()).contains("Invalid sign-in attempt.");
            assertThat(response.headers().allValues("Set-Cookie"))
                    .noneMatch(value -> value.startsWith(".AspNet.ApplicationCookie=") && !value.contains("Max-Age=0"));
        }
    }

    @Test
    void legacyPowerPagesPasswordHashesVerifyToo() {
        HttpResponse<String> response = signIn("grace", "Grace-Password-1", "/profile/");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(http.get("/profile/", "Cookie", cookie(sessionCookieHeader(response)))
                        .body())
                .contains("Signed in as Grace Brewster", "roles=Authenticated Users<");
    }

    @Test
    void aPostWithoutTheFormsAntiForgeryTokenIsRefused() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(url("/SignIn"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Username=ada&Password=Ada-Password-1")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().allValues("Set-Cookie"))
                .noneMatch(value -> value.startsWith(".AspNet.ApplicationCookie=x"));
    }

    @Test
    void anonymousVisitorsHaveNoUserObjectAndAForgedCookieIsIgnored() {
        assertThat(http.get("/profile/").body()).contains("<p class=\"who\">Anonymous</p>");
        String forged = ".AspNet.ApplicationCookie="
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString((FakeMetadataStore.ADA + "|9999999999").getBytes(StandardCharsets.UTF_8))
                + ".AAAA";
        HttpResponse<String> response = http.get("/profile/", "Cookie", forged);

        assertThat(response.body()).contains("<p class=\"who\">Anonymous</p>");
        assertThat(response.headers().allValues("Set-Cookie"))
                .anyMatch(value -> value.startsWith(".AspNet.ApplicationCookie=;") && value.contains("Max-Age=0"));
    }

    @Test
    void signOutDropsTheCookieAndReturnsHome() {
        String session = cookie(sessionCookieHeader(signIn("ada", "Ada-Password-1", "/")));

        HttpResponse<String> response = http.get("/Account/Login/LogOff", "Cookie", session);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/");
        assertThat(response.headers().allValues("Set-Cookie"))
                .anyMatch(value -> value.startsWith(".AspNet.ApplicationCookie=;") && value.contains("Max-Age=0"));
    }

    @Test
    void returnUrlsToOtherSitesAreNotFollowed() {
        assertThat(signIn("ada", "Ada-Password-1", "//evil.example/").headers().firstValue("Location"))
                .hasValue("/");
        assertThat(signIn("ada", "Ada-Password-1", "https://evil.example/")
                        .headers()
                        .firstValue("Location"))
                .hasValue("/");
    }

    @Test
    void webApiFollowsTheSignedInContactsWebRoles() {
        String ada = cookie(sessionCookieHeader(signIn("ada", "Ada-Password-1", "/")));
        String grace = cookie(sessionCookieHeader(signIn("grace", "Grace-Password-1", "/")));

        // lead: Authenticated Users may read, anonymous visitors may not.
        assertThat(http.get("/_api/leads?$select=subject").statusCode()).isEqualTo(403);
        assertThat(http.get("/_api/leads?$select=subject", "Cookie", grace).body())
                .contains("Big deal");
        // account create: only the Managers role (Ada).
        assertThat(http.post("/_api/accounts", "{\"name\":\"Tailspin\"}", http.apiToken(grace))
                        .body())
                .contains("90040103");
        assertThat(http.post("/_api/accounts", "{\"name\":\"Tailspin\"}", http.apiToken(ada))
                        .statusCode())
                .isEqualTo(204);
        // contact: Self scope for signed-in visitors — their own row only; anonymous visitors have Global read.
        assertThat(http.get("/_api/contacts?$select=fullname", "Cookie", grace).body())
                .contains("Grace Brewster")
                .doesNotContain("Ada Lovelace");
        assertThat(http.get("/_api/contacts(" + FakeMetadataStore.ADA + ")?$select=fullname", "Cookie", grace)
                        .statusCode())
                .isEqualTo(403);
        assertThat(http.get("/_api/contacts(" + FakeMetadataStore.GRACE + ")?$select=fullname", "Cookie", grace)
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/_api/contacts?$select=fullname").body()).contains("Grace Brewster", "Ada Lovelace");
    }

    @Test
    void fetchXmlResultsFollowTheVisitorsTablePermissions() {
        String grace = cookie(sessionCookieHeader(signIn("grace", "Grace-Password-1", "/")));

        String anonymous = http.get("/profile/").body();
        assertThat(anonymous).contains("<p class=\"leads\">0:</p>").contains("[Ada Lovelace]", "[Grace Brewster]");
        String signedIn = http.get("/profile/", "Cookie", grace).body();
        assertThat(signedIn)
                .contains("<p class=\"leads\">1:Big deal</p>")
                .contains("<p class=\"contacts\">[Grace Brewster]</p>");
    }

    @Test
    void pagesForSignedInVisitorsAreNeverPublicEvenWhenListedAsCacheable() {
        String session = cookie(sessionCookieHeader(signIn("ada", "Ada-Password-1", "/")));

        assertThat(http.get("/about/").headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("public"));
        assertThat(http.get("/about/", "Cookie", session).headers().firstValue("Cache-Control"))
                .hasValue("private, no-cache");
    }

    private HttpResponse<String> signIn(String username, String password, String returnUrl) {
        HttpResponse<String> form =
                http.get("/SignIn?ReturnUrl=" + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8));
        assertThat(form.statusCode()).isEqualTo(200);
        Matcher token = TOKEN.matcher(form.body());
        assertThat(token.find()).isTrue();
        String antiForgeryCookie = form.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("__RequestVerificationToken="))
                .findFirst()
                .orElseThrow();
        String body = "__RequestVerificationToken=" + token.group(1) + "&Username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&Password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&ReturnUrl=" + URLEncoder.encode(returnUrl, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(url("/SignIn"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie(antiForgeryCookie))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String sessionCookieHeader(HttpResponse<String> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(".AspNet.ApplicationCookie=") && !value.contains("Max-Age=0"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(
                        "no session cookie in " + response.headers().map()));
    }

    /** The name=value part of a Set-Cookie header, as a browser sends it back. */
    private static String cookie(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
