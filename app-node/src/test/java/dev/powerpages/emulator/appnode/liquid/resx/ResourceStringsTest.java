package dev.powerpages.emulator.appnode.liquid.resx;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power Pages' {@code resx} strings, as real sites' headers and search pages use them. */
class ResourceStringsTest {

    private static Map<String, Object> language(String code) {
        return Map.of("website", Map.of("selected_language", Map.of("code", code)));
    }

    @Test
    void rendersTheKeysRealTemplatesUseInEnglishByDefault() {
        assertThat(
                        render(
                                "{{ resx['Sign_In'] }}|{{ resx.Search_DefaultText }}|{{ resx[\"Toggle_Navigation\"] }}|{{ resx.Pagination_Next_Page }}"))
                .isEqualTo("Sign in|Search|Toggle navigation|Next page");
    }

    @Test
    void rendersThePagesLanguage() {
        assertThat(render("{{ resx['Sign_In'] }}|{{ resx.Sign_Out }}", language("de-DE")))
                .isEqualTo("Anmelden|Abmelden");
        assertThat(render("{{ resx['Sign_In'] }}", language("ja-JP"))).isEqualTo("サインイン");
        // Another region of a shipped language, then English.
        assertThat(render("{{ resx['Sign_Out'] }}", language("de-AT"))).isEqualTo("Abmelden");
        assertThat(render("{{ resx['Sign_Out'] }}", language("xx-YY"))).isEqualTo("Sign out");
    }

    @Test
    void aKeyTheRuntimeDoesNotHaveIsNilSoTheTemplatesDefaultShows() {
        assertThat(render("{{ resx.Skip_To_Content | default: 'Skip to main content' }}|[{{ resx['No_Such_Key'] }}]"))
                .isEqualTo("Skip to main content|[]");
    }

    @Test
    void everyShippedLanguageHasEveryKeyEnglishHas() {
        ResourceStrings strings = new ResourceStrings();
        var english = strings.strings("en-US").stringPropertyNames();
        for (String language : new String[] {"de-DE", "es-ES", "fr-FR", "ja-JP"}) {
            assertThat(strings.strings(language).stringPropertyNames())
                    .as(language)
                    .containsExactlyInAnyOrderElementsOf(english);
            assertThat(strings.strings(language).getProperty("Sign_In"))
                    .as(language)
                    .isNotEqualTo(strings.strings("en-US").getProperty("Sign_In"));
        }
    }
}
