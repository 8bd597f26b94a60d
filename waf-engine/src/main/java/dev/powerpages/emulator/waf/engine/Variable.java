package dev.powerpages.emulator.waf.engine;

import java.util.regex.Pattern;

/**
 * One entry of a rule's target list: {@code ARGS}, {@code REQUEST_HEADERS:User-Agent},
 * {@code REQUEST_COOKIES:/^__utm/}, an exclusion {@code !REQUEST_HEADERS:Cookie}, or a count
 * {@code &REQUEST_HEADERS:Host}.
 *
 * @param selector the key (lower-cased for headers), or null for the whole collection
 * @param selectorPattern set when the selector is a /regex/
 */
public record Variable(String collection, String selector, Pattern selectorPattern, boolean exclusion, boolean count) {

    public boolean selects(String key) {
        if (selectorPattern != null) {
            return selectorPattern.matcher(key).find();
        }
        return selector == null || selector.equalsIgnoreCase(key);
    }
}
