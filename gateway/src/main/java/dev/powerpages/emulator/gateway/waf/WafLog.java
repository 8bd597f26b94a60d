package dev.powerpages.emulator.gateway.waf;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAF log: every rule match as one structured line (logger {@code waf}) and in a bounded
 * in-memory buffer, newest first, for {@code GET /_edge/admin/waf/logs} - the emulator's stand-in
 * for Front Door's FrontDoorWebApplicationFirewallLog.
 */
public final class WafLog {

    private static final Logger log = LoggerFactory.getLogger("waf");

    private final int capacity;

    private final Deque<Entry> entries = new ArrayDeque<>();

    public WafLog(int capacity) {
        this.capacity = capacity;
    }

    /**
     * @param action what happened to the request: Block, Log (Detection or a Log rule), Allow, Redirect
     */
    public record Entry(
            Instant time,
            String reference,
            String clientIp,
            String method,
            String uri,
            String ruleSet,
            String ruleId,
            String ruleGroup,
            String message,
            String severity,
            String matchVariable,
            String matchValue,
            String ruleAction,
            String action,
            String policyMode) {}

    public void record(Entry entry) {
        log.info(
                "waf ref={} clientIp={} method={} uri=\"{}\" ruleSet={} ruleId={} group={} variable=\"{}\" value=\"{}\" ruleAction={} action={} mode={}",
                entry.reference(),
                entry.clientIp(),
                entry.method(),
                entry.uri(),
                entry.ruleSet(),
                entry.ruleId(),
                entry.ruleGroup(),
                entry.matchVariable(),
                entry.matchValue(),
                entry.ruleAction(),
                entry.action(),
                entry.policyMode());
        synchronized (entries) {
            entries.addFirst(entry);
            while (entries.size() > capacity) {
                entries.removeLast();
            }
        }
    }

    /** Newest first, at most {@code limit}, optionally only those of one reference id. */
    public List<Entry> recent(int limit, String reference) {
        List<Entry> result = new ArrayList<>();
        synchronized (entries) {
            for (Entry entry : entries) {
                if (reference == null || reference.equals(entry.reference())) {
                    result.add(entry);
                    if (result.size() >= limit) {
                        break;
                    }
                }
            }
        }
        return result;
    }
}
