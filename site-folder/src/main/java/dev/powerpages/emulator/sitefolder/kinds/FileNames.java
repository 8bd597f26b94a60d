package dev.powerpages.emulator.sitefolder.kinds;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * How pac names a row's files and folders, learnt from downloaded sites: the row's name with spaces and path
 * separators turned into hyphens ({@code Header/Search/ToolTip} becomes {@code Header-Search-ToolTip}, {@code BLUE (1)}
 * becomes {@code BLUE-(1)}), the folder the same in lower case ({@code header-search-tooltip}); names in any script
 * are kept as they are ({@code お問い合わせ}). The standard layout turns each such character into a hyphen
 * ({@code Faceted Search - Facets Template} is {@code Faceted-Search---Facets-Template}); the enhanced layout writes one
 * hyphen for a run of them ({@code Projects - Authenticated Users} is {@code Projects-Authenticated-Users}). Where two
 * rows would share a name, pac appends {@code _} and eight hex digits: for the weblink sets seen, the CRC-32 of the
 * row's id ({@code Default_198BA1C7}).
 */
public final class FileNames {

    /** Spaces, and the characters no file name may hold on Windows, where most sites are downloaded. */
    private static final Pattern NOT_IN_FILE_NAMES = Pattern.compile("[\\s/\\\\:*?\"<>|]");

    private static final Pattern HYPHENS = Pattern.compile("-{2,}");

    private FileNames() {}

    /** The file name pac gives a row named {@code name} in the standard layout. */
    public static String fileName(String name) {
        return fileName(name, false);
    }

    /** The file name pac gives a row named {@code name} in the standard or the enhanced layout. */
    public static String fileName(String name, boolean enhanced) {
        String slug =
                NOT_IN_FILE_NAMES.matcher(name == null ? "" : name.strip()).replaceAll("-");
        if (enhanced) {
            slug = HYPHENS.matcher(slug).replaceAll("-");
        }
        return slug.isEmpty() ? "unnamed" : slug;
    }

    /** The folder name pac gives a row named {@code name} in the standard layout. */
    public static String folderName(String name) {
        return folderName(name, false);
    }

    public static String folderName(String name, boolean enhanced) {
        return fileName(name, enhanced).toLowerCase(Locale.ROOT);
    }

    /** The suffix that tells apart rows sharing a name: {@code _198BA1C7} for id 02869abb-…-fae15966f7b5. */
    public static String distinguisher(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        return "_" + String.format("%08X", crc.getValue());
    }
}
