package dev.powerpages.emulator.waf.corpus;

import java.util.List;
import java.util.Map;

/**
 * One request of a corpus, as it would be sent on the wire.
 *
 * @param family what the corpus says it is: a CRS family (942), a GoTestWAF set/case, or "benign"
 * @param attack whether the corpus counts it as an attack that must be blocked
 */
public record ReplayRequest(
        String corpus,
        String id,
        String family,
        boolean attack,
        String method,
        String uri,
        List<Map.Entry<String, String>> headers,
        byte[] body) {}
