package dev.powerpages.emulator.appnode.site;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages Power Pages offers out of the box, as Microsoft Learn lists them ("Enable multiple-language website
 * support", Supported languages: name, language code, LCID, portal display name). A site folder normally carries its
 * portal languages ({@code .portalconfig/portallanguage.yml}); where it does not, a website language is matched here
 * by its name or the website's LCID, so its code and display name are still known.
 */
final class PortalLanguages {

    record Known(String name, String code, int lcid, String displayName) {}

    private static final List<Known> KNOWN = List.of(
            new Known("Basque - Basque", "eu-ES", 1069, "euskara"),
            new Known("Bulgarian - Bulgaria", "bg-BG", 1026, "български"),
            new Known("Catalan - Catalan", "ca-ES", 1027, "català"),
            new Known("Chinese - China", "zh-CN", 2052, "中文(中国)"),
            new Known("Chinese - Hong Kong SAR", "zh-HK", 3076, "中文(香港特別行政區)"),
            new Known("Chinese - Traditional", "zh-TW", 1028, "中文(台灣)"),
            new Known("Croatian - Croatia", "hr-HR", 1050, "hrvatski"),
            new Known("Czech - Czech Republic", "cs-CZ", 1029, "čeština"),
            new Known("Danish - Denmark", "da-DK", 1030, "dansk"),
            new Known("Dutch - Netherlands", "nl-NL", 1043, "Nederlands"),
            new Known("English", "en-US", 1033, "English"),
            new Known("Estonian - Estonia", "et-EE", 1061, "eesti"),
            new Known("Finnish - Finland", "fi-FI", 1035, "suomi"),
            new Known("French - France", "fr-FR", 1036, "français"),
            new Known("Galician - Spain", "gl-ES", 1110, "galego"),
            new Known("German - Germany", "de-DE", 1031, "Deutsch"),
            new Known("Greek - Greece", "el-GR", 1032, "Ελληνικά"),
            new Known("Hindi - India", "hi-IN", 1081, "हिंदी"),
            new Known("Hungarian - Hungary", "hu-HU", 1038, "magyar"),
            new Known("Indonesian - Indonesia", "id-ID", 1057, "Bahasa Indonesia"),
            new Known("Italian - Italy", "it-IT", 1040, "italiano"),
            new Known("Japanese - Japan", "ja-JP", 1041, "日本語"),
            new Known("Kazakh - Kazakhstan", "kk-KZ", 1087, "қазақ тілі"),
            new Known("Korean - Korea", "ko-KR", 1042, "한국어"),
            new Known("Latvian - Latvia", "lv-LV", 1062, "latviešu"),
            new Known("Lithuanian - Lithuania", "lt-LT", 1063, "lietuvių"),
            new Known("Malay - Malaysia", "ms-MY", 1086, "Bahasa Melayu"),
            new Known("Norwegian (Bokmål) - Norway", "nb-NO", 1044, "norsk bokmål"),
            new Known("Polish - Poland", "pl-PL", 1045, "polski"),
            new Known("Portuguese - Brazil", "pt-BR", 1046, "português (Brasil)"),
            new Known("Portuguese - Portugal", "pt-PT", 2070, "português (Portugal)"),
            new Known("Romanian - Romania", "ro-RO", 1048, "română"),
            new Known("Russian - Russia", "ru-RU", 1049, "русский"),
            new Known("Serbian (Cyrillic) - Serbia", "sr-Cyrl-CS", 3098, "српски"),
            new Known("Serbian (Latin) - Serbia", "sr-Latn-CS", 2074, "srpski"),
            new Known("Slovak - Slovakia", "sk-SK", 1051, "slovenčina"),
            new Known("Slovenian - Slovenia", "sl-SI", 1060, "slovenščina"),
            new Known("Spanish (Traditional Sort) - Spain", "es-ES", 3082, "español"),
            new Known("Swedish - Sweden", "sv-SE", 1053, "svenska"),
            new Known("Thai - Thailand", "th-TH", 1054, "ไทย"),
            new Known("Turkish - Türkiye", "tr-TR", 1055, "Türkçe"),
            new Known("Ukrainian - Ukraine", "uk-UA", 1058, "українська"),
            new Known("Vietnamese - Vietnam", "vi-VN", 1066, "Tiếng Việt"));

    private PortalLanguages() {}

    static Optional<Known> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return KNOWN.stream()
                .filter(known -> known.name().toLowerCase(Locale.ROOT).equals(wanted)
                        || known.code().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst();
    }

    static Optional<Known> byLcid(int lcid) {
        return KNOWN.stream().filter(known -> known.lcid() == lcid).findFirst();
    }
}
