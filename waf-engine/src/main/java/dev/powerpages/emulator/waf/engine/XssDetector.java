package dev.powerpages.emulator.waf.engine;

import java.util.Locale;
import java.util.Set;

/**
 * Cross-site scripting detection in libinjection's manner (the library behind ModSecurity's
 * {@code @detectXSS}): the value is scanned as HTML, the way a browser's tokeniser would read it,
 * both as text and as if it continued an attribute value the application opened (", ' or
 * unquoted), and is reported when it would create a script-capable tag, an event-handler
 * attribute, or a URL attribute with a script scheme. Plain rich text (p, strong, a href=https,
 * img src=https) is not reported. Written here because libinjection has no JVM port.
 */
public final class XssDetector {

    /** Tags that run script or load active content by themselves. */
    private static final Set<String> DANGEROUS_TAGS = Set.of(
            "script",
            "iframe",
            "frame",
            "frameset",
            "object",
            "embed",
            "applet",
            "base",
            "meta",
            "link",
            "style",
            "svg",
            "math",
            "xml",
            "import",
            "isindex",
            "template",
            "xss",
            "vmlframe",
            "handler",
            "listener",
            "animate",
            "set",
            "animatetransform",
            "portal",
            "noscript",
            "param",
            "bgsound",
            "layer",
            "ilayer",
            "comment",
            "plaintext",
            "xmp",
            "form",
            "button",
            "keygen",
            "marquee",
            "image",
            "video",
            "audio",
            "source",
            "body",
            "html",
            "head",
            "title",
            "textarea",
            "input",
            "select",
            "option",
            "details",
            "dialog");

    /** Attributes whose value is a URL a browser may follow or load. */
    private static final Set<String> URL_ATTRIBUTES = Set.of(
            "href",
            "src",
            "action",
            "formaction",
            "data",
            "background",
            "dynsrc",
            "lowsrc",
            "poster",
            "code",
            "codebase",
            "xlink:href",
            "from",
            "to",
            "values",
            "by",
            "folder",
            "cite",
            "longdesc",
            "usemap",
            "profile",
            "classid",
            "ping",
            "srcset",
            "manifest",
            "archive",
            "content");

    /** Attributes that are dangerous whatever their value. */
    private static final Set<String> DANGEROUS_ATTRIBUTES = Set.of(
            "srcdoc",
            "xmlns",
            "style",
            "formaction",
            "xlink:href",
            "attributename",
            "seekSegmentTime".toLowerCase(Locale.ROOT),
            "datasrc",
            "dataformatas",
            "datafld",
            "ev:event",
            "fscommand",
            "autofocus");

    private XssDetector() {}

    public static boolean isXss(String input) {
        String value = input.length() > 65_536 ? input.substring(0, 65_536) : input;
        if (value.indexOf('<') >= 0 && scanText(value)) {
            return true;
        }
        if (scriptUrl(value)) {
            return true;
        }
        // The value may continue an attribute the application opened: "… onmouseover=alert(1)".
        for (char quote : new char[] {'"', '\'', '`'}) {
            int at = value.indexOf(quote);
            if (at >= 0 && attributes(value, at + 1, true) != Result.SAFE) {
                return true;
            }
        }
        // Unquoted attribute value: "x onerror=alert(1)".
        int space = indexOfSpace(value);
        return space > 0 && attributes(value, space + 1, true) == Result.DANGEROUS;
    }

    private static int indexOfSpace(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/') {
                return i;
            }
        }
        return -1;
    }

    private enum Result {
        SAFE,
        DANGEROUS
    }

    private static boolean scanText(String value) {
        int i = 0;
        while ((i = value.indexOf('<', i)) >= 0) {
            int j = i + 1;
            if (j < value.length() && value.charAt(j) == '/') {
                j++;
            }
            if (value.startsWith("!--", j)
                    || value.startsWith("![CDATA[", j)
                    || value.startsWith("?", j) && j == i + 1) {
                String rest = value.substring(j).toLowerCase(Locale.ROOT);
                if (rest.startsWith("!--")
                        && (rest.contains("[if") || rest.contains("<script") || rest.contains("-->"))
                        && rest.contains("<")) {
                    return true;
                }
                if (rest.startsWith("?") && rest.startsWith("?xml") || rest.startsWith("?import")) {
                    return true;
                }
                i = j;
                continue;
            }
            if (value.startsWith("!", j) && value.regionMatches(true, j + 1, "entity", 0, 6)) {
                return true;
            }
            int start = j;
            // Browsers skip NUL and accept a namespace prefix (<x:script>).
            while (j < value.length()
                    && (Character.isLetterOrDigit(value.charAt(j))
                            || value.charAt(j) == ':'
                            || value.charAt(j) == '-'
                            || value.charAt(j) == '_'
                            || value.charAt(j) == 0)) {
                j++;
            }
            if (j == start || !Character.isLetter(value.charAt(start))) {
                i = j;
                continue;
            }
            String tag = value.substring(start, j).replace("\0", "").toLowerCase(Locale.ROOT);
            int colon = tag.lastIndexOf(':');
            String local = colon >= 0 ? tag.substring(colon + 1) : tag;
            if (DANGEROUS_TAGS.contains(local)
                    && (j >= value.length() || !Character.isLetterOrDigit(value.charAt(j)))) {
                boolean closing = value.charAt(i + 1) == '/';
                if (!closing || local.equals("script") || local.equals("style")) {
                    if (!closing || j < value.length()) {
                        return true;
                    }
                }
            }
            if (attributes(value, j, false) == Result.DANGEROUS) {
                return true;
            }
            i = j;
        }
        return false;
    }

    /** Reads attributes from {@code from} to the end of the tag; DANGEROUS on an event handler or script URL. */
    private static Result attributes(String value, int from, boolean requireSeparator) {
        int i = from;
        int length = value.length();
        boolean first = true;
        while (i < length) {
            char c = value.charAt(i);
            if (c == '>') {
                return Result.SAFE;
            }
            if (isSpace(c) || c == '/' || c == '"' || c == '\'' || c == '`') {
                i++;
                first = false;
                continue;
            }
            if (requireSeparator && first) {
                // Right after the closing quote the browser needs a separator before a new attribute.
                first = false;
            }
            int start = i;
            while (i < length
                    && !isSpace(value.charAt(i))
                    && value.charAt(i) != '='
                    && value.charAt(i) != '>'
                    && value.charAt(i) != '/'
                    && value.charAt(i) != '"'
                    && value.charAt(i) != '\'') {
                i++;
            }
            String name = value.substring(start, i).replace("\0", "").toLowerCase(Locale.ROOT);
            int k = i;
            while (k < length && isSpace(value.charAt(k))) {
                k++;
            }
            if (k >= length || value.charAt(k) != '=') {
                if (name.isEmpty()) {
                    i++;
                }
                continue;
            }
            k++;
            while (k < length && isSpace(value.charAt(k))) {
                k++;
            }
            int valueStart = k;
            int valueEnd;
            if (k < length && (value.charAt(k) == '"' || value.charAt(k) == '\'' || value.charAt(k) == '`')) {
                char q = value.charAt(k);
                int close = value.indexOf(q, k + 1);
                valueStart = k + 1;
                valueEnd = close < 0 ? length : close;
                i = close < 0 ? length : close + 1;
            } else {
                while (k < length && !isSpace(value.charAt(k)) && value.charAt(k) != '>') {
                    k++;
                }
                valueEnd = k;
                i = k;
            }
            String attributeValue = value.substring(valueStart, valueEnd);
            if (name.length() > 2
                    && name.startsWith("on")
                    && name.chars().skip(2).allMatch(Character::isLetter)) {
                return Result.DANGEROUS;
            }
            if (DANGEROUS_ATTRIBUTES.contains(name) && !(name.equals("style") && harmlessStyle(attributeValue))) {
                return Result.DANGEROUS;
            }
            if (URL_ATTRIBUTES.contains(name) && scriptUrl(attributeValue)) {
                return Result.DANGEROUS;
            }
        }
        return Result.SAFE;
    }

    /** Inline CSS a rich-text editor writes (colour, alignment, sizes) cannot run script. */
    private static boolean harmlessStyle(String css) {
        String lower = css.toLowerCase(Locale.ROOT);
        return !(lower.contains("expression")
                || lower.contains("url(")
                || lower.contains("javascript")
                || lower.contains("\\")
                || lower.contains("behavior")
                || lower.contains("binding")
                || lower.contains("@import")
                || lower.contains("<"));
    }

    /** javascript:, vbscript:, livescript: or data:text/html URLs, ignoring the controls browsers skip. */
    static boolean scriptUrl(String url) {
        StringBuilder compact = new StringBuilder(24);
        for (int i = 0; i < url.length() && compact.length() < 16; i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '\u00a0') {
                continue;
            }
            compact.append(Character.toLowerCase(c));
        }
        String start = compact.toString();
        if (start.startsWith("javascript:") || start.startsWith("vbscript:") || start.startsWith("livescript:")) {
            return true;
        }
        return start.startsWith("data:")
                && url.toLowerCase(Locale.ROOT)
                        .matches(
                                "(?s)\\s*data:\\s*(text/html|image/svg|application/x?html|text/xml|application/xml|[^,]*;base64).*");
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b' || c == 0;
    }
}
