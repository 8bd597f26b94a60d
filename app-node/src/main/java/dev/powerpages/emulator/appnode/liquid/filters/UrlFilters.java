package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.NamedFilter.of;
import static dev.powerpages.emulator.appnode.liquid.NamedFilter.param;

import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.LiquidValues;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.TemplateContext;
import liqp.TemplateParser;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

/**
 * Power Pages' URL filters ("Available Liquid filters", URL filters), as xRM Portals' {@code UrlFilters} and its
 * {@code UrlBuilder} work:
 * <ul>
 * <li>{@code add_query}/{@code remove_query} give an absolute URL for an absolute one and a path with its query for
 * a path; {@code add_query} replaces the parameter's value where it is, or appends it;</li>
 * <li>a path ({@code /path?x=1}) is read against the visitor's request for {@code host}, {@code port} and
 * {@code scheme}, as UrlBuilder does; {@code base} of a path is nil;</li>
 * <li>the query is decoded and written again, each name and value percent-encoded but for {@code A-Z a-z 0-9 - . _ ~}
 * (the AntiXSS encoder xRM Portals' query string collection uses); default ports are left out.</li>
 * </ul>
 * The {@code request} object's values are HTML-encoded (Power Pages since 9.3.8), so {@code request.url |
 * add_query: …} would otherwise read {@code &amp;} as part of a parameter name: the filters decode HTML entities
 * first. Their output cannot carry markup: the path and query come out percent-encoded (a quote too).
 */
@Component
public class UrlFilters implements LiquidExtension {

    private static final Pattern ABSOLUTE =
            Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*)://([^/?#]*)([^?#]*)(\\?[^#]*)?(#.*)?");
    private static final Pattern RELATIVE = Pattern.compile("([^?#]*)(\\?[^#]*)?(#.*)?");
    private static final Pattern AUTHORITY = Pattern.compile("(?:[^@]*@)?(\\[[^]]*]|[^:]*)(?::(\\d*))?");

    @Override
    public void register(TemplateParser.Builder parser) {
        parser.withFilter(of(
                        "add_query",
                        (value, context, params) ->
                                changeQuery(value, context, param(params, 0), param(params, 1), true)))
                .withFilter(of(
                        "remove_query",
                        (value, context, params) -> changeQuery(value, context, param(params, 0), null, false)))
                .withFilter(of("base", (value, context, params) -> {
                    Url url = value == null ? null : Url.parse(text(value, context));
                    return url == null || !url.absolute ? null : url.scheme + "://" + url.authority();
                }))
                .withFilter(of("host", (value, context, params) -> {
                    Url url = resolved(value, context);
                    return url == null ? null : url.host;
                }))
                .withFilter(of("port", (value, context, params) -> {
                    Url url = resolved(value, context);
                    return url == null ? null : (long) url.effectivePort();
                }))
                .withFilter(of("scheme", (value, context, params) -> {
                    Url url = resolved(value, context);
                    return url == null ? null : url.scheme;
                }))
                .withFilter(of("path", (value, context, params) -> {
                    Url url = resolved(value, context);
                    return url == null ? null : url.encodedPath();
                }))
                .withFilter(of("path_and_query", (value, context, params) -> {
                    Url url = resolved(value, context);
                    return url == null ? null : url.encodedPath() + url.encodedQuery();
                }));
    }

    private static Object changeQuery(
            Object value, TemplateContext context, Object name, Object parameterValue, boolean add) {
        if (value == null) {
            return null;
        }
        String text = text(value, context);
        if (name == null || name.toString().isBlank()) {
            return text;
        }
        Url url = Url.parse(text);
        if (url == null) {
            return null;
        }
        if (add) {
            url.set(name.toString(), parameterValue == null ? "" : LiquidValues.text(parameterValue, context));
        } else {
            url.query.remove(name.toString());
        }
        return url.absolute
                ? url.scheme + "://" + url.authority() + url.encodedPath() + url.encodedQuery() + url.fragment
                : url.encodedPath() + url.encodedQuery();
    }

    /** The URL, a path read against the visitor's request as xRM Portals' UrlBuilder reads it. */
    private static Url resolved(Object value, TemplateContext context) {
        if (value == null) {
            return null;
        }
        Url url = Url.parse(text(value, context));
        if (url == null || url.absolute) {
            return url;
        }
        Url request = Url.parse(requestUrl(context));
        if (request == null || !request.absolute) {
            return url;
        }
        url.scheme = request.scheme;
        url.host = request.host;
        url.port = request.port;
        return url;
    }

    private static String requestUrl(TemplateContext context) {
        try {
            return HtmlUtils.htmlUnescape(RenderScope.of(context).request().url());
        } catch (IllegalStateException | NullPointerException notInAPage) {
            return "http://localhost/";
        }
    }

    private static String text(Object value, TemplateContext context) {
        String text = LiquidValues.text(value, context).strip();
        return text.indexOf('&') >= 0 ? HtmlUtils.htmlUnescape(text) : text;
    }

    /** A URL taken apart; the query decoded, in order, a name's values together (.NET's NameValueCollection). */
    private static final class Url {

        private String scheme;
        private String host;
        private int port = -1;
        private String path;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private String fragment;
        private boolean absolute;

        static Url parse(String text) {
            Url url = new Url();
            Matcher absolute = ABSOLUTE.matcher(text);
            String query;
            if (absolute.matches()) {
                Matcher authority = AUTHORITY.matcher(absolute.group(2));
                if (!authority.matches() || authority.group(1).isEmpty()) {
                    return null;
                }
                url.absolute = true;
                url.scheme = absolute.group(1).toLowerCase(Locale.ROOT);
                url.host = authority.group(1).toLowerCase(Locale.ROOT);
                url.port = authority.group(2) == null || authority.group(2).isEmpty()
                        ? -1
                        : Integer.parseInt(authority.group(2));
                url.path = absolute.group(3).isEmpty() ? "/" : absolute.group(3);
                query = absolute.group(4);
                url.fragment = absolute.group(5) == null ? "" : absolute.group(5);
            } else if (!text.contains("://")) {
                Matcher relative = RELATIVE.matcher(text);
                if (!relative.matches()) {
                    return null;
                }
                url.path = relative.group(1).startsWith("/") ? relative.group(1) : "/" + relative.group(1);
                query = relative.group(2);
                url.fragment = relative.group(3) == null ? "" : relative.group(3);
            } else {
                return null;
            }
            if (query != null) {
                for (String pair : query.substring(1).split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    List<String> values = url.query.computeIfAbsent(name, key -> new ArrayList<>());
                    values.add(equals < 0 ? null : decode(pair.substring(equals + 1)));
                }
            }
            return url;
        }

        void set(String name, String value) {
            List<String> values = new ArrayList<>();
            values.add(value);
            query.put(name, values);
        }

        int effectivePort() {
            if (port >= 0) {
                return port;
            }
            return switch (scheme == null ? "" : scheme) {
                case "http" -> 80;
                case "https" -> 443;
                default -> -1;
            };
        }

        String authority() {
            boolean defaultPort =
                    port < 0 || port == 80 && "http".equals(scheme) || port == 443 && "https".equals(scheme);
            return host + (defaultPort ? "" : ":" + port);
        }

        String encodedPath() {
            StringBuilder out = new StringBuilder();
            for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xFF);
                if (c < 128 && (Character.isLetterOrDigit(c) || "/-._~!$&()*+,;=:@%".indexOf(c) >= 0)) {
                    out.append(c);
                } else {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
            return out.toString();
        }

        String encodedQuery() {
            StringBuilder out = new StringBuilder();
            query.forEach((name, values) -> {
                for (String value : values) {
                    out.append(out.length() == 0 ? '?' : '&');
                    if (value == null) {
                        out.append(encode(name));
                    } else {
                        out.append(name.isEmpty() ? "" : encode(name) + "=").append(encode(value));
                    }
                }
            });
            return out.toString();
        }

        private static String encode(String text) {
            StringBuilder out = new StringBuilder();
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xFF);
                if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                    out.append(c);
                } else {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
            return out.toString();
        }

        private static String decode(String text) {
            try {
                return UriUtils.decode(text.replace('+', ' '), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return text;
            }
        }
    }
}
