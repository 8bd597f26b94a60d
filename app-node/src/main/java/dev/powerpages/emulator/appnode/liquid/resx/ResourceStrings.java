package dev.powerpages.emulator.appnode.liquid.resx;

import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Power Pages' {@code resx} object: the runtime's localised resource strings by key ({@code resx['Sign_In']},
 * {@code resx.Search_DefaultText}), in the language of the page. The strings are data, one file per language
 * ({@code liquid/resx/<language>.properties}, UTF-8), holding the keys real sites' templates use, written for the
 * emulator: en-US as the platform's default templates show them, and de-DE, es-ES, fr-FR and ja-JP translated from
 * it (the platform ships 45 languages; the others read en-US);
 * a key it does not hold is nil, so {@code resx.Skip_To_Content | default: 'Skip to main content'} falls back as on
 * the platform.
 *
 * <p>The language is the render's {@code website.selected_language.code} (or {@code language.code}) when the
 * render has one, else en-US; a language without its own file falls back to another region of the same language
 * ({@code de-AT} → {@code de-DE}), then to en-US.
 */
@Component
public class ResourceStrings implements LiquidExtension {

    private static final String FOLDER = "liquid/resx/";
    private static final String DEFAULT_LANGUAGE = "en-US";
    private static final Set<String> LANGUAGES = Set.of("de-DE", "en-US", "es-ES", "fr-FR", "ja-JP");

    private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

    @Override
    public void contribute(RenderScope scope, Map<String, Object> variables) {
        // Read when a template asks: the page's language may be contributed after this object.
        variables.put("resx", new Strings(() -> strings(languageOf(variables))));
    }

    /** The strings of a language tag ({@code de-DE}, {@code de}, {@code DE-de}), falling back as described above. */
    public Properties strings(String language) {
        return byLanguage.computeIfAbsent(file(language), ResourceStrings::load);
    }

    static String file(String language) {
        if (language == null || language.isBlank()) {
            return DEFAULT_LANGUAGE;
        }
        Locale wanted = Locale.forLanguageTag(language.strip().replace('_', '-'));
        String tag = wanted.toLanguageTag();
        for (String candidate : LANGUAGES) {
            if (candidate.equalsIgnoreCase(tag)) {
                return candidate;
            }
        }
        return LANGUAGES.stream()
                .filter(candidate ->
                        Locale.forLanguageTag(candidate).getLanguage().equals(wanted.getLanguage()))
                .sorted()
                .findFirst()
                .orElse(DEFAULT_LANGUAGE);
    }

    private static Properties load(String language) {
        Properties properties = new Properties();
        try (InputStream in =
                ResourceStrings.class.getClassLoader().getResourceAsStream(FOLDER + language + ".properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read the resource strings of " + language, ex);
        }
        return properties;
    }

    @SuppressWarnings("unchecked")
    private static String languageOf(Map<String, Object> variables) {
        for (String[] path : new String[][] {{"website", "selected_language", "code"}, {"language", "code"}}) {
            Object value = variables.get(path[0]);
            for (int i = 1; i < path.length && value instanceof Map<?, ?> map; i++) {
                value = ((Map<String, Object>) map).get(path[i]);
            }
            if (value instanceof CharSequence code && !code.isEmpty()) {
                return code.toString();
            }
        }
        return DEFAULT_LANGUAGE;
    }

    /** The {@code resx} object: a map whose entries are looked up in the page's language when a template reads them. */
    private static final class Strings extends AbstractMap<String, Object> {

        private final Supplier<Properties> strings;

        Strings(Supplier<Properties> strings) {
            this.strings = strings;
        }

        @Override
        public Object get(Object key) {
            return key == null ? null : strings.get().getProperty(key.toString());
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            Set<Entry<String, Object>> entries = new java.util.LinkedHashSet<>();
            strings.get().stringPropertyNames().stream()
                    .sorted()
                    .forEach(name -> entries.add(Map.entry(name, strings.get().getProperty(name))));
            return entries;
        }
    }
}
