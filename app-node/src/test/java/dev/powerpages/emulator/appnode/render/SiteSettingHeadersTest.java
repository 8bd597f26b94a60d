package dev.powerpages.emulator.appnode.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class SiteSettingHeadersTest {

    @Test
    void sendsTheDocumentedHeaderSettingsWhateverTheirCase() {
        HttpHeaders headers = SiteSettingHeaders.of(Map.of(
                "HTTP/X-Frame-Options", "DENY",
                "http/content-security-policy", "frame-ancestors 'self'",
                "HTTP/Access-Control-Allow-Origin", "https://contoso.example"));

        assertThat(headers.getFirst("X-Frame-Options")).isEqualTo("DENY");
        assertThat(headers.getFirst("Content-Security-Policy")).isEqualTo("frame-ancestors 'self'");
        assertThat(headers.getFirst("Access-Control-Allow-Origin")).isEqualTo("https://contoso.example");
    }

    @Test
    void aSameSiteSettingIsNoHeader() {
        // What a real site carries: before, it became a header named "SameSite/Default" and the page failed.
        HttpHeaders headers = SiteSettingHeaders.of(Map.of(
                "HTTP/SameSite/Default", "Strict",
                "HTTP/Cache-Control", "no-cache",
                "HTTP/Strict-Transport-Security", "max-age=1",
                "HTTP/X-Frame-Options", "SAMEORIGIN"));

        assertThat(headers.toSingleValueMap()).containsOnlyKeys("X-Frame-Options");
    }

    @Test
    void aValueWithALineBreakIsNotSent() {
        assertThat(SiteSettingHeaders.of(Map.of("HTTP/X-Frame-Options", "DENY\r\nSet-Cookie: a=b"))
                        .isEmpty())
                .isTrue();
    }

    @Test
    void sameSiteOfACookieIsItsOwnSettingElseTheSitesDefault() {
        Map<String, String> settings = new LinkedHashMap<>();
        assertThat(SiteSettingHeaders.sameSite(settings, "ContextLanguageCode", "Lax"))
                .isEqualTo("Lax");

        settings.put("HTTP/SameSite/Default", "strict");
        assertThat(SiteSettingHeaders.sameSite(settings, "ContextLanguageCode", "Lax"))
                .isEqualTo("Strict");

        settings.put("HTTP/SameSite/ContextLanguageCode", "None");
        assertThat(SiteSettingHeaders.sameSite(settings, "ContextLanguageCode", "Lax"))
                .isEqualTo("None");
        assertThat(SiteSettingHeaders.sameSite(settings, "OtherCookie", "Lax")).isEqualTo("Strict");
    }

    @Test
    void anUnknownSameSiteValueIsIgnored() {
        assertThat(SiteSettingHeaders.sameSite(
                        Map.of("HTTP/SameSite/Default", "Sometimes"), "ContextLanguageCode", "Lax"))
                .isEqualTo("Lax");
    }
}
