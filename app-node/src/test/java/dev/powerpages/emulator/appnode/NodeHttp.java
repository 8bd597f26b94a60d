package dev.powerpages.emulator.appnode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the node under test (redirects are not followed, so tests see them). */
final class NodeHttp {

    static final String ADMIN_KEY = "emulator-admin-key";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    NodeHttp(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), headers);
    }

    HttpResponse<String> put(String path, String json, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(json)),
                headers);
    }

    HttpResponse<String> post(String path, String json, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                headers);
    }

    HttpResponse<String> delete(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), headers);
    }

    /**
     * What Microsoft's {@code safeAjax} wrapper does before a Web API write: fetches {@code /_layout/tokenhtml} and
     * answers the headers to send, the request token and the anti-forgery cookie (with the session cookie if given).
     */
    String[] apiToken(String... cookies) {
        HttpResponse<String> tokenHtml = get(
                "/_layout/tokenhtml",
                cookies.length == 0 ? new String[0] : new String[] {"Cookie", String.join("; ", cookies)});
        java.util.regex.Matcher value =
                java.util.regex.Pattern.compile("value=\"([^\"]+)\"").matcher(tokenHtml.body());
        if (!value.find()) {
            throw new IllegalStateException("no token in " + tokenHtml.body());
        }
        String cookie = tokenHtml
                .headers()
                .firstValue("Set-Cookie")
                .map(set -> set.substring(0, set.indexOf(';')))
                .orElse("");
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(cookies));
        if (!cookie.isEmpty()) {
            all.add(cookie);
        }
        return new String[] {"__RequestVerificationToken", value.group(1), "Cookie", String.join("; ", all)};
    }

    /** Signs a contact in through the sign-in form; answers the session cookie as a browser sends it back ({@code name=value}). */
    String signIn(String username, String password) {
        HttpResponse<String> form = get("/SignIn");
        java.util.regex.Matcher token = java.util.regex.Pattern.compile(
                        "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")
                .matcher(form.body());
        if (!token.find()) {
            throw new IllegalStateException("no sign-in form: " + form.body());
        }
        String cookie = form.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("__RequestVerificationToken="))
                .map(value -> value.substring(0, value.indexOf(';')))
                .findFirst()
                .orElseThrow();
        String body = "__RequestVerificationToken=" + token.group(1) + "&Username="
                + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8) + "&Password="
                + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8) + "&ReturnUrl=/";
        HttpResponse<String> signedIn = send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/SignIn"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                "Cookie",
                cookie);
        return signedIn.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(".AspNet.ApplicationCookie=") && !value.contains("Max-Age=0"))
                .map(value -> value.substring(0, value.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("not signed in as " + username));
    }

    HttpResponse<String> patch(String path, String json, String... headers) {
        return send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .header("Content-Type", "application/json")
                        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)),
                headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
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
