package dev.powerpages.emulator.cli.check;

import dev.powerpages.emulator.cli.http.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Classifies what the stack answered for a page or a web file, given what the app node says an anonymous visitor
 * should get (200, or 302 to sign in where a page's access rules restrict reading). Pure: no I/O.
 *
 * <p>What counts as an error, and how it is recognised:
 * <ul>
 * <li>the app node's template-error page (500, {@code <h1>500 Liquid error</h1>}, naming the web template, the line
 * and liqp's message);</li>
 * <li>Liquid error text inside a page that was otherwise served: Power Pages writes {@code Liquid error: …} where a
 * tag or filter fails and renders the rest of the page, so such a page is broken for its visitors although its
 * status is 200;</li>
 * <li>the edge's errors ({@code {"error":{"code":"OriginTimeout",…}}}), other statuses, and a restricted page served
 * to an anonymous visitor.</li>
 * </ul>
 * Power Pages answers a restricted page with a redirect to its sign-in page ({@code /SignIn?returnUrl=…}) for an
 * anonymous visitor, or 403 where the site is configured so; both are what the rules call for.
 */
public final class Classifier {

    private static final Pattern NOT_EMULATED =
            Pattern.compile("<!-- Power Pages Stack Emulator: (.*?) is not emulated -->");
    private static final Pattern TEMPLATE_ERROR = Pattern.compile("<h1>500 Liquid error</h1>");
    private static final Pattern TEMPLATE_NAME =
            Pattern.compile("<strong class=\"template\">(.*?)</strong>", Pattern.DOTALL);
    private static final Pattern TEMPLATE_LINE = Pattern.compile("<span class=\"line\">, line (\\d+)</span>");
    private static final Pattern TEMPLATE_MESSAGE = Pattern.compile("<pre>(.*?)</pre>", Pattern.DOTALL);
    private static final Pattern LIQUID_ERROR_TEXT =
            Pattern.compile("Liquid (?:syntax )?error\\b[:.]?\\s*([^<\\r\\n]{0,200})", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGN_IN = Pattern.compile("(?i)(^|/)(signin|account/login)([/?#]|$)");

    private Classifier() {}

    /** A page's final answer (redirects within the site already followed, except a sign-in redirect). */
    public static Verdict page(int expectedAnonymous, Http.Response response) {
        int status = response.status();
        boolean restricted = expectedAnonymous != 200;
        if (isSignInRedirect(response) || status == 403 && restricted) {
            return restricted
                    ? Verdict.of(Outcome.ACCESS_RULE, status == 403 ? "403" : "sign-in redirect")
                    : Verdict.of(
                            Outcome.FAILED,
                            status + " " + (status == 403 ? "forbidden" : "redirect to sign in")
                                    + " although its access rules let anyone read it");
        }
        String body = isText(response) ? response.text() : "";
        if (status == 500 && TEMPLATE_ERROR.matcher(body).find()) {
            return Verdict.of(Outcome.FAILED, templateError(body));
        }
        if (status == 200) {
            List<String> notEmulated = notEmulated(body);
            Matcher liquidError = LIQUID_ERROR_TEXT.matcher(body);
            if (liquidError.find()) {
                String detail = unescape(liquidError.group(1)).strip();
                return new Verdict(
                        Outcome.FAILED,
                        "Liquid error text in the page" + (detail.isEmpty() ? "" : ": " + detail),
                        notEmulated);
            }
            if (restricted) {
                return new Verdict(
                        Outcome.FAILED,
                        "200 to an anonymous visitor although its access rules restrict reading",
                        notEmulated);
            }
            return new Verdict(Outcome.SERVED, null, notEmulated);
        }
        return Verdict.of(Outcome.FAILED, otherStatus(response, body));
    }

    /** A web file's answer, against the content type its row (its note's MIME type) names. */
    public static Verdict webFile(int expectedAnonymous, String expectedType, Http.Response response) {
        int status = response.status();
        boolean restricted = expectedAnonymous != 200;
        if (isSignInRedirect(response) || status == 403 && restricted) {
            return restricted
                    ? Verdict.of(Outcome.ACCESS_RULE, status == 403 ? "403" : "sign-in redirect")
                    : Verdict.of(
                            Outcome.FAILED,
                            status + " " + (status == 403 ? "forbidden" : "redirect to sign in")
                                    + " although its parent page lets anyone read it");
        }
        if (status == 404) {
            return Verdict.of(Outcome.MISSING, "404");
        }
        if (status != 200) {
            return Verdict.of(Outcome.FAILED, otherStatus(response, isText(response) ? response.text() : ""));
        }
        if (restricted) {
            return Verdict.of(Outcome.FAILED, "200 to an anonymous visitor although its parent page restricts reading");
        }
        String served = mediaType(response.header("Content-Type"));
        String expected = mediaType(expectedType);
        if (expected != null && !expected.equals(served)) {
            return Verdict.of(
                    Outcome.WRONG_TYPE,
                    "served as " + (served == null ? "(no Content-Type)" : served) + ", its row says " + expected);
        }
        return Verdict.of(Outcome.SERVED, null);
    }

    static boolean isSignInRedirect(Http.Response response) {
        int status = response.status();
        String location = response.header("Location");
        if (status < 300 || status >= 400 || location == null) {
            return false;
        }
        String path = location.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "");
        return SIGN_IN.matcher(path).find();
    }

    static List<String> notEmulated(String body) {
        List<String> features = new ArrayList<>();
        Matcher matcher = NOT_EMULATED.matcher(body);
        while (matcher.find()) {
            features.add(unescape(matcher.group(1)).replace("- -", "--"));
        }
        return features;
    }

    private static String templateError(String body) {
        Matcher name = TEMPLATE_NAME.matcher(body);
        Matcher line = TEMPLATE_LINE.matcher(body);
        Matcher message = TEMPLATE_MESSAGE.matcher(body);
        StringBuilder why = new StringBuilder("500 template error");
        if (name.find()) {
            why.append(" in '").append(unescape(name.group(1))).append('\'');
        }
        if (line.find()) {
            why.append(" line ").append(line.group(1));
        }
        if (message.find()) {
            why.append(": ").append(oneLine(unescape(message.group(1))));
        }
        return why.toString();
    }

    private static String otherStatus(Http.Response response, String body) {
        StringBuilder why = new StringBuilder().append(response.status());
        if (response.status() >= 300 && response.status() < 400) {
            why.append(" redirect to ").append(response.header("Location"));
            return why.toString();
        }
        String type = mediaType(response.header("Content-Type"));
        if (type != null && type.endsWith("json")) {
            try {
                JsonNode error = response.json().path("error");
                if (error.isObject()) {
                    why.append(' ')
                            .append(error.path("code").asString(""))
                            .append(": ")
                            .append(error.path("message").asString(""));
                    return why.toString().strip();
                }
            } catch (RuntimeException e) {
                // not the edge's or a node's error shape: the text below says what it is
            }
        }
        String text =
                oneLine(unescape(body.replaceAll("(?s)<head>.*?</head>", "").replaceAll("<[^>]+>", " ")));
        if (!text.isEmpty()) {
            why.append(": ").append(text.length() > 160 ? text.substring(0, 160) + "…" : text);
        }
        return why.toString();
    }

    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }

    private static boolean isText(Http.Response response) {
        String type = mediaType(response.header("Content-Type"));
        return type == null
                || type.startsWith("text/")
                || type.contains("json")
                || type.contains("xml")
                || type.contains("javascript");
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    /** The few entities HTML escaping writes (Spring's HtmlUtils, liqp's escape). */
    static String unescape(String html) {
        return html.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&#039;", "'")
                .replace("&#x27;", "'")
                .replace("&amp;", "&");
    }
}
