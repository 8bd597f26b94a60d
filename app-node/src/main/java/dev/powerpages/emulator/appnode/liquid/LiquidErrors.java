package dev.powerpages.emulator.appnode.liquid;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.exceptions.LiquidException;

/** Where in a template liqp says an error is: its parser errors carry the line, its render errors say it in the message. */
public final class LiquidErrors {

    private static final Pattern ON_LINE = Pattern.compile("on line (\\d+)");

    private LiquidErrors() {}

    public static int line(Throwable ex) {
        for (Throwable current = ex;
                current != null;
                current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof LiquidException liquid && liquid.line > 0) {
                return liquid.line;
            }
            if (current.getMessage() != null) {
                Matcher matcher = ON_LINE.matcher(current.getMessage());
                if (matcher.find()) {
                    return Integer.parseInt(matcher.group(1));
                }
            }
        }
        return 0;
    }
}
