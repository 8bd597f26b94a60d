package dev.powerpages.emulator.appnode.liquid;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.TemplateContext;
import liqp.parser.LiquidSupport;

/**
 * Evaluates the small expressions Power Pages templates pass as include parameters: literals and variable paths
 * ({@code page.parent.title}, {@code snippets['Footer']}, {@code items[0]}). Unknown names give {@code null}, which
 * renders empty, as everywhere in Liquid.
 */
public final class ValuePaths {

    private static final Pattern STEP = Pattern.compile(
            "\\.([A-Za-z_][\\w-]*)|\\[\\s*(?:'([^']*)'|\"([^\"]*)\"|(-?\\d+)|([A-Za-z_][\\w.]*))\\s*\\]");
    private static final Pattern ROOT = Pattern.compile("[A-Za-z_][\\w-]*");

    private ValuePaths() {}

    public static Object resolve(TemplateContext context, String expression) {
        String expr = expression.strip();
        if (expr.length() >= 2
                && (expr.startsWith("'") && expr.endsWith("'") || expr.startsWith("\"") && expr.endsWith("\""))) {
            return expr.substring(1, expr.length() - 1);
        }
        switch (expr) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "nil", "null", "empty", "":
                return null;
            default:
                break;
        }
        if (expr.matches("-?\\d+")) {
            return Long.parseLong(expr);
        }
        if (expr.matches("-?\\d+\\.\\d+")) {
            return new BigDecimal(expr).doubleValue();
        }
        Matcher root = ROOT.matcher(expr);
        if (!root.lookingAt()) {
            throw new IllegalArgumentException("cannot evaluate '" + expr + "'");
        }
        Object value = context.get(root.group());
        Matcher step = STEP.matcher(expr);
        int position = root.end();
        while (position < expr.length()) {
            if (!step.find(position) || step.start() != position) {
                throw new IllegalArgumentException("cannot evaluate '" + expr + "'");
            }
            Object key;
            if (step.group(1) != null) {
                key = step.group(1);
            } else if (step.group(2) != null || step.group(3) != null) {
                key = step.group(2) != null ? step.group(2) : step.group(3);
            } else if (step.group(4) != null) {
                key = Integer.parseInt(step.group(4));
            } else {
                key = resolve(context, step.group(5));
            }
            value = member(value, key);
            position = step.end();
        }
        return value;
    }

    private static Object member(Object target, Object key) {
        if (target instanceof LiquidSupport drop) {
            target = drop.toLiquid();
        }
        if (target instanceof Map<?, ?> map) {
            return key == null ? null : map.get(key instanceof String ? key : String.valueOf(key));
        }
        if (target instanceof List<?> list) {
            if ("size".equals(key)) {
                return list.size();
            }
            if ("first".equals(key)) {
                return list.isEmpty() ? null : list.get(0);
            }
            if (key instanceof Integer index) {
                int i = index < 0 ? list.size() + index : index;
                return i >= 0 && i < list.size() ? list.get(i) : null;
            }
        }
        return null;
    }
}
