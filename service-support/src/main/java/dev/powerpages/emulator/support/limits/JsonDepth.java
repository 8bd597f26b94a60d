package dev.powerpages.emulator.support.limits;

/**
 * How deeply a JSON text nests arrays and objects, found by a scan that skips strings: no parser, no recursion, so a
 * hostile body of a million brackets costs one pass. The services read JSON with mappers of their own as well as
 * Spring's (the node's Web API, the traffic manager's merge patches), so one check before any of them sees the body
 * covers all.
 */
public final class JsonDepth {

    private JsonDepth() {}

    /** @return whether arrays and objects nest more than {@code maxDepth} deep anywhere in {@code json} */
    public static boolean exceeds(byte[] json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                if (++depth > maxDepth) {
                    return true;
                }
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return false;
    }
}
