package dev.powerpages.emulator.appnode.report;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The Power Pages features a site's templates use that the emulator does not emulate. A page that uses one still
 * renders: where the feature would have written its output, an HTML comment names it; the log says so once per
 * site and feature; {@code /_services/about} lists the counts per site (and {@code ./stack check-site} reads them).
 */
@Component
public class UnsupportedLiquid {

    private static final Logger log = LoggerFactory.getLogger(UnsupportedLiquid.class);

    private final Map<String, Map<String, LongAdder>> usesBySite = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /**
     * Records one use of a feature that is not emulated.
     *
     * @param websiteId the site whose template used it
     * @param feature   what, as a template author would name it ({@code tag powerbi}, {@code filter translate})
     * @return the HTML comment to write in the feature's place
     */
    public String use(String websiteId, String feature) {
        String site = websiteId == null ? "" : websiteId;
        usesBySite
                .computeIfAbsent(site, id -> new ConcurrentHashMap<>())
                .computeIfAbsent(feature, name -> new LongAdder())
                .increment();
        if (logged.add(site + "\n" + feature)) {
            log.info("Site {} uses {}, which the emulator does not emulate; pages render without it", site, feature);
        }
        // "--" may not appear inside an HTML comment.
        return "<!-- Power Pages Stack Emulator: "
                + HtmlUtils.htmlEscape(feature).replace("--", "- -") + " is not emulated -->";
    }

    /** The features a site used that are not emulated, with how often, by name. */
    public Map<String, Long> uses(String websiteId) {
        Map<String, Long> counts = new TreeMap<>();
        usesBySite
                .getOrDefault(websiteId == null ? "" : websiteId, Map.of())
                .forEach((feature, count) -> counts.put(feature, count.sum()));
        return counts;
    }
}
