package dev.powerpages.emulator.waf.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * ModSecurity's transformation functions ({@code t:name}) that the rule files use, with the
 * semantics of ModSecurity's reference manual ("Transformation functions"). Written here because
 * no JVM library implements them; each is small and evasion-oriented (attackers encode payloads
 * so that a naive match misses them).
 */
public final class Transformations {

    /** The functions that return every value unchanged (SecLangParser leaves them out of a chain). */
    static final UnaryOperator<String> IDENTITY = UnaryOperator.identity();

    private static final Map<String, UnaryOperator<String>> FUNCTIONS = Map.ofEntries(
            Map.entry("none", IDENTITY),
            Map.entry("lowercase", Transformations::lowercase),
            Map.entry("uppercase", s -> s.toUpperCase(Locale.ROOT)),
            Map.entry("trim", String::strip),
            Map.entry("urldecode", Transformations::urlDecode),
            Map.entry("urldecodeuni", Transformations::urlDecode),
            Map.entry("utf8tounicode", IDENTITY),
            Map.entry("htmlentitydecode", Transformations::htmlEntityDecode),
            Map.entry("jsdecode", Transformations::jsDecode),
            Map.entry("cssdecode", Transformations::cssDecode),
            Map.entry("removenulls", Transformations::removeNulls),
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
            Map.entry("cmdline", Transformations::cmdLine),
            Map.entry("base64decode", Transformations::base64Decode),
            Map.entry("hexdecode", Transformations::hexDecode),
            Map.entry("length", s -> Integer.toString(s.length())),
            Map.entry("sha1", IDENTITY));

    private Transformations() {}

    /**
     * {@code Character.toLowerCase} of every BMP character (128 KB, made once): one array read per character where
     * the JDK looks up each one's properties. {@link #LOWER_EXACT} is false if a BMP character's lower case were
     * beyond the BMP (none is in the Unicode versions JDK 17-25 carry), and then the JDK lowers every value.
     */
    private static final char[] LOWER = new char[Character.MAX_VALUE + 1];

    private static final boolean LOWER_EXACT;

    static {
        boolean exact = true;
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            int lower = Character.toLowerCase(c);
            exact &= lower == Character.toLowerCase((char) c);
            LOWER[c] = (char) lower;
        }
        LOWER_EXACT = exact;
    }

    /**
     * {@code s.toLowerCase(Locale.ROOT)} (ModSecurity's "lowercase"; the JDK's root-locale mapping, as the engine
     * always had), from a table, and the value itself when it is already lower case. The JDK's method maps code point
     * by code point except U+03A3 (final sigma depends on the letters around it) and U+0130 (two characters); a value
     * holding either is lowered by the JDK. Supplementary letters lower to supplementary letters (checked, else the
     * JDK lowers the value).
     */
    static String lowercase(String s) {
        if (!LOWER_EXACT) {
            return s.toLowerCase(Locale.ROOT);
        }
        int n = s.length();
        int first = 0;
        while (first < n) {
            char c = s.charAt(first);
            if (LOWER[c] != c || c == '\u03a3' || c == '\u0130' || Character.isSurrogate(c)) {
                break;
            }
            first++;
        }
        if (first == n) {
            return s;
        }
        char[] out = s.toCharArray();
        boolean changed = false;
        for (int i = first; i < n; i++) {
            char c = out[i];
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(out[i + 1])) {
                int codePoint = Character.toCodePoint(c, out[i + 1]);
                int lower = Character.toLowerCase(codePoint);
                if (lower != codePoint) {
                    if (Character.isBmpCodePoint(lower)) {
                        return s.toLowerCase(Locale.ROOT);
                    }
                    Character.toChars(lower, out, i);
                    changed = true;
                }
                i++;
            } else if (c == '\u03a3' || c == '\u0130') {
                return s.toLowerCase(Locale.ROOT);
            } else if (LOWER[c] != c) {
                out[i] = LOWER[c];
                changed = true;
            }
        }
        return changed ? new String(out) : s;
    }

    /** Every name the engine knows, lower case and sorted (what a rule file may name, in any case). */
    static List<String> names() {
        return FUNCTIONS.keySet().stream().sorted().toList();
    }

    /** The function of that name (case-insensitive), or null if the engine does not know it. */
    public static UnaryOperator<String> named(String name) {
        return FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * %xx and IIS's %u plus four hex digits, '+' as space; invalid escapes are kept as they are (ModSecurity's
     * reference manual, "urlDecodeUni": "Like urlDecode, but with support for the Microsoft-specific %u encoding"; a
     * run of %xx bytes is read as UTF-8, as the values here are Java strings). One pass over the value's characters,
     * decoded in place (each escape is at least as long as what it decodes to), and the value itself when nothing
     * decodes: on a hostile 128 KB value the StringBuilder, a byte array the size of the value and a substring per %u
     * escape cost more than the decoding.
     */
    public static String urlDecode(String s) {
        int first = indexOfEither(s, '%', '+');
        if (first < 0) {
            return s;
        }
        char[] in = s.toCharArray();
        int n = in.length;
        // Written in place: what is written never passes what has been read (see the method's comment).
        char[] out = in;
        int o = first;
        boolean changed = false;
        byte[] pending = null;
        int pendingLength = 0;
        boolean pendingAscii = true;
        for (int i = first; i < n; i++) {
            char c = in[i];
            if (c == '%' && i + 2 < n) {
                int high = hex(in[i + 1]);
                int low = high < 0 ? -1 : hex(in[i + 2]);
                if (low >= 0) {
                    if (pending == null) {
                        pending = new byte[n / 3 + 1];
                    }
                    byte b = (byte) (high * 16 + low);
                    pending[pendingLength++] = b;
                    pendingAscii &= b >= 0;
                    changed = true;
                    i += 2;
                    continue;
                }
            }
            if (pendingLength > 0) {
                o = flushUtf8(pending, pendingLength, pendingAscii, out, o);
                pendingLength = 0;
                pendingAscii = true;
            }
            if (c == '%' && i + 5 < n && (in[i + 1] == 'u' || in[i + 1] == 'U')) {
                int code = hex4(in, i + 2);
                if (code >= 0) {
                    // Full-width ASCII (U+FF01..U+FF5E) maps to ASCII, as ModSecurity's unicode mapping does.
                    out[o++] = code >= 0xFF01 && code <= 0xFF5E ? (char) (code - 0xFEE0) : (char) code;
                    changed = true;
                    i += 5;
                    continue;
                }
            }
            if (c == '+') {
                out[o++] = ' ';
                changed = true;
            } else {
                out[o++] = c;
            }
        }
        if (pendingLength > 0) {
            o = flushUtf8(pending, pendingLength, pendingAscii, out, o);
        }
        return changed ? new String(out, 0, o) : s;
    }

    /**
     * A run of decoded bytes into {@code out} as UTF-8 (malformed bytes as U+FFFD, as {@code new String(bytes,
     * UTF_8)} reads them: the whole run at once, so a sequence split by nothing is read as before); ASCII bytes
     * directly.
     */
    private static int flushUtf8(byte[] bytes, int length, boolean ascii, char[] out, int o) {
        if (ascii) {
            for (int k = 0; k < length; k++) {
                out[o++] = (char) bytes[k];
            }
            return o;
        }
        String decoded = new String(bytes, 0, length, StandardCharsets.UTF_8);
        decoded.getChars(0, decoded.length(), out, o);
        return o + decoded.length();
    }

    /** The first index of either character, or -1 (two intrinsic scans rather than one loop of two tests). */
    private static int indexOfEither(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b, 0);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }

    /** ASCII hex digits from a table; beyond ASCII, {@link Character#digit} (it also reads full-width digits). */
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (char c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (char c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
            HEX[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    /**
     * {@code Character.digit(c, 16)}, which {@code Integer.parseInt(…, 16)} also uses: the same digits beyond ASCII
     * (full-width, Arabic-Indic, …) as before the rewrite.
     */
    private static int hex(char c) {
        return c < 128 ? HEX[c] : Character.digit(c, 16);
    }

    /** The value of the four hex digits at {@code from}, or -1 if one is not a hex digit. */
    private static int hex4(char[] in, int from) {
        int code = 0;
        for (int k = from; k < from + 4; k++) {
            int digit = hex(in[k]);
            if (digit < 0) {
                return -1;
            }
            code = code * 16 + digit;
        }
        return code;
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

    /**
     * &amp;name; &amp;#nn; &amp;#xhh; with or without the closing ';', as browsers accept them (ModSecurity's
     * "htmlEntityDecode": "&amp;#xHH and &amp;#DDD with or without the terminating semicolon, &amp;quot; &amp;amp;
     * &amp;lt; &amp;gt; &amp;nbsp;"; the named set here is wider). One pass over the value's characters, decoded in
     * place: each reference read is at least as long as what it decodes to (three characters for at most a surrogate
     * pair).
     */
    public static String htmlEntityDecode(String s) {
        int first = s.indexOf('&');
        if (first < 0) {
            return s;
        }
        char[] in = s.toCharArray();
        int n = in.length;
        // Written in place: what is written never passes what has been read (see the method's comment).
        char[] out = in;
        int o = first;
        boolean changed = false;
        int i = first;
        while (i < n) {
            char c = in[i];
            if (c == '&' && i + 1 < n) {
                int j = i + 1;
                if (in[j] == '#') {
                    j++;
                    boolean hexadecimal = j < n && (in[j] == 'x' || in[j] == 'X');
                    if (hexadecimal) {
                        j++;
                    }
                    int radix = hexadecimal ? 16 : 10;
                    int start = j;
                    // Up to eight hex digits reach 0xFFFFFFFF, beyond int: a long (an int parse threw, and the WAF
                    // answered 500 to any request holding "&#xFFFFFFFF;"). The digits are Character.digit's, as
                    // Long.parseLong read them.
                    long code = 0;
                    int digit;
                    while (j < n && j - start < 8 && (digit = Character.digit(in[j], radix)) >= 0) {
                        code = code * radix + digit;
                        j++;
                    }
                    if (j > start) {
                        o += Character.toChars(code <= Character.MAX_CODE_POINT ? (int) code : '?', out, o);
                        changed = true;
                        i = (j < n && in[j] == ';') ? j + 1 : j;
                        continue;
                    }
                } else {
                    int start = j;
                    boolean ascii = true;
                    while (j < n && j - start < 10 && Character.isLetter(in[j])) {
                        ascii &= in[j] < 128;
                        j++;
                    }
                    String entity = j == start ? null : entity(in, start, j, ascii);
                    if (entity != null) {
                        out[o++] = entity.charAt(0);
                        changed = true;
                        i = (j < n && in[j] == ';') ? j + 1 : j;
                        continue;
                    }
                }
            }
            out[o++] = c;
            i++;
        }
        return changed ? new String(out, 0, o) : s;
    }

    /**
     * The entity named by {@code in[start, end)}, case-insensitively as {@code toLowerCase(Locale.ROOT)} reads it.
     * An ASCII name is lowered in place of a substring and its lowered copy; a name with other letters (whose lower
     * case may differ in length, e.g. U+0130) takes the exact way.
     */
    private static String entity(char[] in, int start, int end, boolean ascii) {
        if (!ascii) {
            return ENTITIES.get(new String(in, start, end - start).toLowerCase(Locale.ROOT));
        }
        char[] name = new char[end - start];
        for (int k = start; k < end; k++) {
            char c = in[k];
            name[k - start] = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return ENTITIES.get(new String(name));
    }

    /**
     * JavaScript escapes: backslash-x HH, backslash-u HHHH, octal and single-character escapes (ModSecurity's
     * "jsDecode"; a full-width backslash-u FFxx maps to ASCII as in urlDecodeUni). One pass over the value's
     * characters, decoded in place: an escape is never shorter than what it decodes to.
     */
    public static String jsDecode(String s) {
        int first = s.indexOf('\\');
        if (first < 0) {
            return s;
        }
        char[] in = s.toCharArray();
        int n = in.length;
        // Written in place: what is written never passes what has been read (see the method's comment).
        char[] out = in;
        int o = first;
        boolean changed = false;
        for (int i = first; i < n; i++) {
            char c = in[i];
            if (c != '\\' || i + 1 >= n) {
                out[o++] = c;
                continue;
            }
            changed = true;
            char next = in[i + 1];
            int high;
            int low;
            int code;
            if (next == 'x' && i + 3 < n && (high = hex(in[i + 2])) >= 0 && (low = hex(in[i + 3])) >= 0) {
                out[o++] = (char) (high * 16 + low);
                i += 3;
            } else if (next == 'u' && i + 5 < n && (code = hex4(in, i + 2)) >= 0) {
                out[o++] = code >= 0xFF01 && code <= 0xFF5E ? (char) (code - 0xFEE0) : (char) code;
                i += 5;
            } else if (next >= '0' && next <= '7') {
                int j = i + 1;
                int octal = 0;
                while (j < n && j < i + 4 && in[j] >= '0' && in[j] <= '7') {
                    octal = octal * 8 + in[j] - '0';
                    j++;
                }
                out[o++] = (char) (octal & 0xFF);
                i = j - 1;
            } else {
                out[o++] = switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'f' -> '\f';
                    case 'b' -> '\b';
                    case 'v' -> '\u000b';
                    default -> next;
                };
                i++;
            }
        }
        return changed ? new String(out, 0, o) : s;
    }

    /** CSS escapes: a backslash and up to six hex digits (and one following space), or an escaped char. */
    public static String cssDecode(String s) {
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
     * NUL characters removed (ModSecurity's "removeNulls"). One pass over a char array: {@code replace("\0", "")}
     * first listed every NUL's index, then copied the pieces between them (a hostile value is full of NULs).
     */
    static String removeNulls(String s) {
        int first = s.indexOf('\0');
        if (first < 0) {
            return s;
        }
        char[] in = s.toCharArray();
        int o = first;
        for (int i = first + 1; i < in.length; i++) {
            char c = in[i];
            if (c != '\0') {
                in[o++] = c;
            }
        }
        return new String(in, 0, o);
    }

    /**
     * Each run of whitespace (what the CRS's {@code [\s\x0b\xa0]+} reads: space, tab, line feed, vertical tab, form feed, carriage
     * return, no-break space) removed, or replaced by one space. A loop rather than {@code replaceAll}: the regex
     * engine cost a matcher and a copy per value in rule after rule, and a value without whitespace is returned as
     * it is.
     */
    static String whitespace(String s, boolean compress) {
        int n = s.length();
        int first = 0;
        while (first < n && !isWhitespace(s.charAt(first))) {
            first++;
        }
        if (first == n) {
            return s;
        }
        char[] in = s.toCharArray();
        // Written in place: what is written never passes what has been read (see the method's comment).
        char[] out = in;
        int o = first;
        boolean inRun = false;
        for (int i = first; i < n; i++) {
            char c = in[i];
            if (isWhitespace(c)) {
                if (compress && !inRun) {
                    out[o++] = ' ';
                }
                inRun = true;
            } else {
                out[o++] = c;
                inRun = false;
            }
        }
        return new String(out, 0, o);
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r') || c == '\u00a0';
    }

    /**
     * C/SQL/HTML comments out (or replaced by a space): {@code /*…*\/}, {@code --…}, {@code #…}, {@code <!--…-->}
     * (ModSecurity's "removeComments" and "replaceComments"; an unterminated comment runs to the end). One pass over
     * the value's characters, in place: a comment opener is tested only where its first character is.
     */
    static String comments(String s, String replacement) {
        boolean remove = replacement.isEmpty();
        if (s.indexOf("/*") < 0 && s.indexOf("--") < 0 && s.indexOf('#') < 0 && s.indexOf("<!--") < 0) {
            return s;
        }
        char[] in = s.toCharArray();
        int n = in.length;
        // Written in place: a comment is replaced by at most one character.
        char[] out = in;
        int o = 0;
        int i = 0;
        while (i < n) {
            char c = in[i];
            if (c == '/' && i + 1 < n && in[i + 1] == '*') {
                int end = s.indexOf("*/", i + 2);
                if (!remove) {
                    out[o++] = ' ';
                }
                i = end < 0 ? n : end + 2;
            } else if (c == '<' && i + 3 < n && in[i + 1] == '!' && in[i + 2] == '-' && in[i + 3] == '-') {
                int end = s.indexOf("-->", i + 4);
                if (!remove) {
                    out[o++] = ' ';
                }
                i = end < 0 ? n : end + 3;
            } else if (remove && (c == '#' || (c == '-' && i + 1 < n && in[i + 1] == '-'))) {
                int end = s.indexOf('\n', i);
                i = end < 0 ? n : end;
            } else {
                out[o++] = c;
                i++;
            }
        }
        return new String(out, 0, o);
    }

    /**
     * Removes "./" segments and resolves "../" against the preceding segment, collapsing "//" (ModSecurity's
     * "normalizePath"; "normalizePathWin" first turns '\\' into '/'). One pass over a char array, with the kept
     * segments' starts on a stack of offsets (a regex split, a deque of substrings and a join cost three copies of a
     * 128 KB value).
     */
    public static String normalisePath(String s, boolean windows) {
        String path = windows ? s.replace('\\', '/') : s;
        if (path.indexOf('.') < 0 && path.indexOf("//") < 0) {
            return path;
        }
        char[] in = path.toCharArray();
        int n = in.length;
        boolean absolute = n > 0 && in[0] == '/';
        boolean trailing = n > 0 && in[n - 1] == '/';
        char[] out = new char[n + 1];
        int o = absolute ? 1 : 0;
        if (absolute) {
            out[0] = '/';
        }
        int base = o;
        // Where each kept segment starts in out (its separator before it, if any, is at start - 1).
        int[] starts = new int[n / 2 + 1];
        int kept = 0;
        int i = 0;
        while (i < n) {
            if (in[i] == '/') {
                i++;
                continue;
            }
            int end = i;
            while (end < n && in[end] != '/') {
                end++;
            }
            int length = end - i;
            if (length == 1 && in[i] == '.') {
                // "." is dropped.
            } else if (length == 2 && in[i] == '.' && in[i + 1] == '.') {
                if (kept > 0 && !isDotDot(out, starts[kept - 1], o)) {
                    kept--;
                    o = kept == 0 ? base : starts[kept] - 1;
                } else if (!absolute) {
                    o = push(out, o, base, starts, kept++, in, i, length);
                }
            } else {
                o = push(out, o, base, starts, kept++, in, i, length);
            }
            i = end;
        }
        if (trailing && kept > 0) {
            out[o++] = '/';
        }
        return new String(out, 0, o);
    }

    private static boolean isDotDot(char[] out, int start, int end) {
        return end - start == 2 && out[start] == '.' && out[start + 1] == '.';
    }

    private static int push(char[] out, int o, int base, int[] starts, int index, char[] in, int from, int length) {
        if (o > base) {
            out[o++] = '/';
        }
        starts[index] = o;
        System.arraycopy(in, from, out, o, length);
        return o + length;
    }

    /**
     * Windows/Unix shell evasions: drops \\ " ' ^, turns , ; into spaces, squeezes spaces, lowercases (ModSecurity's
     * "cmdLine"). One pass over a char array; the result is never longer than the value.
     */
    static String cmdLine(String s) {
        char[] in = s.toCharArray();
        // Written in place: a space is written only where a dropped separator was read.
        char[] out = in;
        int o = 0;
        boolean space = false;
        for (char c : in) {
            switch (c) {
                case '\\', '"', '\'', '^' -> {}
                case ' ', ',', ';', '\t', '\r', '\n' -> space = true;
                case '/', '(' -> {
                    // A space before / or ( is dropped, as ModSecurity's cmdLine does.
                    space = false;
                    out[o++] = c;
                }
                default -> {
                    if (space && o > 0) {
                        out[o++] = ' ';
                    }
                    space = false;
                    out[o++] = LOWER[c];
                }
            }
        }
        return new String(out, 0, o);
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
