package dev.powerpages.emulator.gateway.waf.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the rule files of one rule set from the classpath ({@code waf/<set>/*.conf}, in name
 * order), with the data files {@code @pmFromFile} names looked up beside them.
 */
public final class RuleSetLoader {

    private RuleSetLoader() {}

    public static List<WafRule> load(String location) {
        return load(location, true);
    }

    /** @param prefilter false only in tests that compare verdicts without the regex prefilter */
    static List<WafRule> load(String location, boolean prefilter) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        try {
            Resource[] files = resolver.getResources("classpath:" + location + "/*.conf");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            SecLangParser parser = new SecLangParser(
                    name -> lines(resolver.getResource("classpath:" + location + "/" + name)), prefilter);
            List<WafRule> rules = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (Resource file : files) {
                for (WafRule rule : parser.parse(file.getContentAsString(StandardCharsets.UTF_8), file.getFilename())) {
                    if (!ids.add(rule.id())) {
                        throw new IllegalStateException("Rule id " + rule.id() + " is used twice in " + location);
                    }
                    rules.add(rule);
                }
            }
            return rules;
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the rule files under " + location, ex);
        }
    }

    private static List<String> lines(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8).lines().toList();
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the data file " + resource, ex);
        }
    }
}
