package dev.powerpages.emulator.trafficmanager.security;

/**
 * How deeply a JSON text nests arrays and objects, found by a scan that skips strings: no parser, no recursion, so a
 * hostile body of a million brackets costs one pass. The controllers read JSON with Spring's mapper and
 * merge patches of their own, so one check before any of them sees the body covers all.
 */
final class JsonDepth {

    private JsonDepth() {
    }

    static boolean exceeds(byte[] json, int maxDepth) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                }
                else if (b == '"') {
                    inString = false;
                }
            }
            else if (b == '"') {
                inString = true;
            }
            else if (b == '[' || b == '{') {
                if (++depth > maxDepth) {
                    return true;
                }
            }
            else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return false;
    }
}
