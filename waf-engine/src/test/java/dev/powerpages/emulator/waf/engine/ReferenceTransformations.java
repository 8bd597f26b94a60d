package dev.powerpages.emulator.waf.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The transformation functions as they were before the single-pass rewrite (commit 3a852bb's {@code
 * Transformations}), kept unchanged as the reference {@link TransformationsEquivalenceTest} compares the rewritten
 * ones with: the rewrite must not change a single result.
 */
final class ReferenceTransformations {

    /** The functions that return every value unchanged (SecLangParser leaves them out of a chain). */
    static final UnaryOperator<String> IDENTITY = UnaryOperator.identity();

    private static final Map<String, UnaryOperator<String>> FUNCTIONS = Map.ofEntries(
            Map.entry("none", IDENTITY),
            Map.entry("lowercase", s -> s.toLowerCase(Locale.ROOT)),
            Map.entry("uppercase", s -> s.toUpperCase(Locale.ROOT)),
            Map.entry("trim", String::strip),
            Map.entry("urldecode", ReferenceTransformations::urlDecode),
            Map.entry("urldecodeuni", ReferenceTransformations::urlDecode),
            Map.entry("utf8tounicode", IDENTITY),
            Map.entry("htmlentitydecode", ReferenceTransformations::htmlEntityDecode),
            Map.entry("jsdecode", ReferenceTransformations::jsDecode),
            Map.entry("cssdecode", ReferenceTransformations::cssDecode),
            Map.entry("removenulls", s -> s.replace("\0", "")),
            Map.entry("removewhitespace", s -> whitespace(s, false)),
            Map.entry("compresswhitespace", s -> whitespace(s, true)),
            Map.entry("removecomments", s -> comments(s, "")),
            Map.entry("replacecomments", s -> comments(s, " ")),
            Map.entry(
                    "removecommentschar",
                    s -> s.replace("/*", "").replace("*/", "").replace("--", "").replace("#", "")),
            Map.entry("normalizepath", s -> normalisePath(s, false)),
            Map.entry("normalisepath", s -> normalisePath(s, false)),
            Map.entry("normalizepathwin", s -> normalisePath(s, true)),
            Map.entry("normalisepathwin", s -> normalisePath(s, true)),
            Map.entry("cmdline", ReferenceTransformations::cmdLine),
            Map.entry("base64decode", ReferenceTransformations::base64Decode),
            Map.entry("hexdecode", ReferenceTransformations::hexDecode),
            Map.entry("length", s -> Integer.toString(s.length())),
            Map.entry("sha1", IDENTITY));

    private ReferenceTransformations() {}

    /** The function of that name (case-insensitive), or null if the engine does not know it. */
    static UnaryOperator<String> named(String name) {
        return FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
    }

    /** %xx and IIS's %u plus four hex digits, '+' as space; invalid escapes are kept as they are (ModSecurity does so). */
    static String urlDecode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        byte[] pending = new byte[s.length()];
        int pendingLength = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                pending[pendingLength++] = (byte) (hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)));
                i += 2;
                continue;
            }
            if (pendingLength > 0) {
                out.append(new String(pending, 0, pendingLength, StandardCharsets.UTF_8));
                pendingLength = 0;
            }
            if (c == '%'
                    && i + 5 < s.length()
                    && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'U')
                    && hex(s.charAt(i + 2)) >= 0
                    && hex(s.charAt(i + 3)) >= 0
                    && hex(s.charAt(i + 4)) >= 0
                    && hex(s.charAt(i + 5)) >= 0) {
                int code = Integer.parseInt(s.substring(i + 2, i + 6), 16);
                // Full-width ASCII (U+FF01..U+FF5E) maps to ASCII, as ModSecurity's unicode mapping does.
                out.append(code >= 0xFF01 && code <= 0xFF5E ? (char) (code - 0xFEE0) : (char) code);
                i += 5;
                continue;
            }
            out.append(c == '+' ? ' ' : c);
        }
        if (pendingLength > 0) {
            out.append(new String(pending, 0, pendingLength, StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static final Map<String, String> ENTITIES = Map.ofEntries(
            Map.entry("quot", "\""),
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("nbsp", " "),
            Map.entry("apos", "'"),
            Map.entry("colon", ":"),
            Map.entry("lpar", "("),
            Map.entry("rpar", ")"),
            Map.entry("tab", "\t"),
            Map.entry("newline", "\n"),
            Map.entry("sol", "/"),
            Map.entry("bsol", "\\"),
            Map.entry("equals", "="),
            Map.entry("num", "#"),
            Map.entry("semi", ";"),
            Map.entry("comma", ","),
            Map.entry("period", "."),
            Map.entry("excl", "!"),
            Map.entry("grave", "`"),
            Map.entry("lsqb", "["),
            Map.entry("rsqb", "]"));

    /** &amp;name; &amp;#nn; &amp;#xhh; with or without the closing ';', as browsers accept them. */
    static String htmlEntityDecode(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '&' && i + 1 < s.length()) {
                int j = i + 1;
                if (s.charAt(j) == '#') {
                    j++;
                    boolean hexadecimal = j < s.length() && (s.charAt(j) == 'x' || s.charAt(j) == 'X');
                    if (hexadecimal) {
                        j++;
                    }
                    int start = j;
                    while (j < s.length()
                            && j - start < 8
                            && Character.digit(s.charAt(j), hexadecimal ? 16 : 10) >= 0) {
                        j++;
                    }
                    if (j > start) {
                        // Up to eight hex digits reach 0xFFFFFFFF, beyond int: parse as long (an int parse
                        // threw, and the WAF answered 500 to any request holding "&#xFFFFFFFF;").
                        long code = Long.parseLong(s.substring(start, j), hexadecimal ? 16 : 10);
                        out.appendCodePoint(code <= Character.MAX_CODE_POINT ? (int) code : '?');
                        i = (j < s.length() && s.charAt(j) == ';') ? j + 1 : j;
                        continue;
                    }
                } else {
                    int start = j;
                    while (j < s.length() && j - start < 10 && Character.isLetter(s.charAt(j))) {
                        j++;
                    }
                    String entity = ENTITIES.get(s.substring(start, j).toLowerCase(Locale.ROOT));
                    if (entity != null) {
                        out.append(entity);
                        i = (j < s.length() && s.charAt(j) == ';') ? j + 1 : j;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** JavaScript escapes: backslash-x HH, backslash-u HHHH, octal and single-character escapes. */
    static String jsDecode(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(i + 1);
            if (n == 'x' && i + 3 < s.length() && hex(s.charAt(i + 2)) >= 0 && hex(s.charAt(i + 3)) >= 0) {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 3;
            } else if (n == 'u'
                    && i + 5 < s.length()
                    && s.substring(i + 2, i + 6).chars().allMatch(h -> hex((char) h) >= 0)) {
                int code = Integer.parseInt(s.substring(i + 2, i + 6), 16);
                out.append(code >= 0xFF01 && code <= 0xFF5E ? (char) (code - 0xFEE0) : (char) code);
                i += 5;
            } else if (n >= '0' && n <= '7') {
                int j = i + 1;
                while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                    j++;
                }
                out.append((char) (Integer.parseInt(s.substring(i + 1, j), 8) & 0xFF));
                i = j - 1;
            } else {
                out.append(
                        switch (n) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            case 'f' -> '\f';
                            case 'b' -> '\b';
                            case 'v' -> '\u000b';
                            default -> n;
                        });
                i++;
            }
        }
        return out.toString();
    }

    /** CSS escapes: a backslash and up to six hex digits (and one following space), or an escaped char. */
    static String cssDecode(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            int j = i + 1;
            while (j < s.length() && j < i + 7 && hex(s.charAt(j)) >= 0) {
                j++;
            }
            if (j > i + 1) {
                int code = Integer.parseInt(s.substring(i + 1, j), 16);
                out.appendCodePoint(Character.isValidCodePoint(code) && code != 0 ? code : '?');
                if (j < s.length() && s.charAt(j) == ' ') {
                    j++;
                }
                i = j - 1;
            } else if (s.charAt(i + 1) == '\n') {
                i++;
            } else {
                out.append(s.charAt(i + 1));
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Each run of whitespace (what the CRS's {@code [\s\x0b\xa0]+} reads: space, tab, line feed, vertical tab, form feed, carriage
     * return, no-break space) removed, or replaced by one space. A loop rather than {@code replaceAll}: the regex
     * engine cost a matcher and a copy per value in rule after rule, and a value without whitespace is returned as
     * it is.
     */
    static String whitespace(String s, boolean compress) {
        int first = 0;
        while (first < s.length() && !isWhitespace(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length()).append(s, 0, first);
        boolean inRun = false;
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isWhitespace(c)) {
                if (compress && !inRun) {
                    out.append(' ');
                }
                inRun = true;
            } else {
                out.append(c);
                inRun = false;
            }
        }
        return out.toString();
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00a0';
    }

    /** C/SQL/HTML comments out (or replaced by a space): {@code /*…*\/}, {@code --…}, {@code #…}, {@code <!--…-->}. */
    static String comments(String s, String replacement) {
        if (s.indexOf("/*") < 0 && s.indexOf("--") < 0 && s.indexOf('#') < 0 && s.indexOf("<!--") < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                out.append(replacement);
                i = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("<!--", i)) {
                int end = s.indexOf("-->", i + 4);
                out.append(replacement);
                i = end < 0 ? s.length() : end + 3;
            } else if (replacement.isEmpty() && (s.startsWith("--", i) || s.charAt(i) == '#')) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? s.length() : end;
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Removes "./" segments and resolves "../" against the preceding segment, collapsing "//". */
    static String normalisePath(String s, boolean windows) {
        String path = windows ? s.replace('\\', '/') : s;
        if (path.indexOf('.') < 0 && path.indexOf("//") < 0) {
            return path;
        }
        boolean absolute = path.startsWith("/");
        boolean trailing = path.endsWith("/");
        java.util.ArrayDeque<String> segments = new java.util.ArrayDeque<>();
        for (String segment : path.split("/+")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!segments.isEmpty() && !segments.peekLast().equals("..")) {
                    segments.removeLast();
                } else if (!absolute) {
                    segments.addLast("..");
                }
                continue;
            }
            segments.addLast(segment);
        }
        String joined = String.join("/", segments);
        return (absolute ? "/" : "") + joined + (trailing && !joined.isEmpty() ? "/" : "");
    }

    /** Windows/Unix shell evasions: drops \ " ' ^, turns , ; into spaces, squeezes spaces, lowercases. */
    static String cmdLine(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '"', '\'', '^' -> {}
                case ' ', ',', ';', '\t', '\r', '\n' -> space = true;
                case '/', '(' -> {
                    // A space before / or ( is dropped, as ModSecurity's cmdLine does.
                    space = false;
                    out.append(c);
                }
                default -> {
                    if (space && !out.isEmpty()) {
                        out.append(' ');
                    }
                    space = false;
                    out.append(Character.toLowerCase(c));
                }
            }
        }
        return out.toString();
    }

    static String base64Decode(String s) {
        try {
            return new String(Base64.getMimeDecoder().decode(s.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return s;
        }
    }

    static String hexDecode(String s) {
        if (s.length() % 2 != 0 || !s.chars().allMatch(c -> hex((char) c) >= 0)) {
            return s;
        }
        byte[] bytes = new byte[s.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
