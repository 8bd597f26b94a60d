package dev.powerpages.emulator.waf.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the rule files of one rule set from the classpath: {@code waf/<set>/rule-files.txt} names
 * them in load order, and the data files {@code @pmFromFile} names are looked up beside them. An
 * index rather than a directory listing, because a classpath directory cannot be listed portably
 * inside a jar nested in the gateway's Boot jar (RuleSetIndexTest keeps the index complete).
 */
public final class RuleSetLoader {

    /** The index of a rule set's files, beside them. */
    public static final String INDEX = "rule-files.txt";

    private RuleSetLoader() {}

    public static List<WafRule> load(String location) {
        return load(location, true);
    }

    /** @param prefilter false only in tests that compare verdicts without the regex prefilter */
    static List<WafRule> load(String location, boolean prefilter) {
        SecLangParser parser =
                new SecLangParser(name -> read(location + "/" + name).lines().toList(), prefilter);
        List<WafRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String file : ruleFiles(location)) {
            for (WafRule rule : parser.parse(read(location + "/" + file), file)) {
                if (!ids.add(rule.id())) {
                    throw new IllegalStateException("Rule id " + rule.id() + " is used twice in " + location);
                }
                rules.add(rule);
            }
        }
        return rules;
    }

    /** The rule files the index names, in its order (blank lines and # comments skipped). */
    public static List<String> ruleFiles(String location) {
        return read(location + "/" + INDEX)
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    private static String read(String resource) {
        try (InputStream in = RuleSetLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + resource, ex);
        }
    }
}
