package dev.powerpages.emulator.sitefolder.kinds;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every kind of row a site folder holds: the token its files are named by ({@code Home.webpage.yml},
 * {@code sitesetting.yml}, {@code Search-Enabled.sitesetting.yml}), its table in the standard data model and its
 * {@code powerpagecomponenttype} in the enhanced one, the columns kept in side files, and where pac puts it.
 *
 * <p>Tables, id columns and lookups are Dataverse's logical names (Power Pages' table reference); the component type
 * codes are the {@code powerpagecomponenttype} choices of the Site Component (powerpagecomponent) table reference. In
 * the enhanced layout a column's key is the standard column without its {@code adx_} prefix ({@code adx_partialurl}
 * becomes {@code partialurl}), N:N relationships keep their schema names. Folder names marked "(no public example)"
 * follow pac's naming of the others; no downloaded site with that kind was found to confirm them.
 */
public enum RowKind {
    WEBSITE("website", "adx_website", "adx_websiteid", null, Shape.ROOT_SINGLE, "", ""),
    WEBSITE_LANGUAGE(
            "websitelanguage",
            "adx_websitelanguage",
            "adx_websitelanguageid",
            null,
            Shape.ROOT_LIST,
            "",
            "site-languages"),
    PORTAL_LANGUAGE(
            "portallanguage",
            "adx_portallanguage",
            "adx_portallanguageid",
            null,
            Shape.ROOT_LIST,
            ".portalconfig",
            ".portalconfig"),
    WEBSITE_BINDING(
            "websitebinding",
            "adx_websitebinding",
            "adx_websitebindingid",
            null,
            Shape.ROOT_LIST,
            ".portalconfig",
            ".portalconfig"),
    PUBLISHING_STATE(
            "publishingstate",
            "adx_publishingstate",
            "adx_publishingstateid",
            1,
            Shape.ROOT_LIST,
            "",
            "publishing-states"),
    WEB_PAGE("webpage", "adx_webpage", "adx_webpageid", 2, Shape.OWN_FILE, "web-pages", "web-pages") {
        @Override
        public String languageColumn() {
            return "adx_webpagelanguageid";
        }

        @Override
        public List<SideFile> sideFiles() {
            return List.of(
                    new SideFile("copy.html", "adx_copy"),
                    new SideFile("summary.html", "adx_summary"),
                    new SideFile("custom_css.css", "adx_customcss"),
                    new SideFile("custom_javascript.js", "adx_customjavascript"));
        }
    },
    /** The adx_webfile row; its content is the {@code annotation} row the same {@code .webfile.yml} describes. */
    WEB_FILE("webfile", "adx_webfile", "adx_webfileid", 3, Shape.OWN_FILE, "web-files", "web-files"),
    /** Not a file of its own: the second half of a {@code .webfile.yml}, and the bytes beside it. */
    ANNOTATION(null, "annotation", "annotationid", null, Shape.OWN_FILE, "web-files", "web-files"),
    WEB_LINK_SET(
            "weblinkset", "adx_weblinkset", "adx_weblinksetid", 4, Shape.OWN_FILE, "weblink-sets", "weblink-sets") {
        @Override
        public String languageColumn() {
            return "adx_websitelanguageid";
        }
    },
    /** Standard: a list beside its set ({@code Default.en-US.weblinkset.weblink.yml}); enhanced: one file each. */
    WEB_LINK("weblink", "adx_weblink", "adx_weblinkid", 5, Shape.CHILD_LIST, "weblink-sets", "weblink-sets") {
        @Override
        public Optional<Parent> parent() {
            return Optional.of(new Parent(WEB_LINK_SET, "adx_weblinksetid"));
        }
    },
    PAGE_TEMPLATE(
            "pagetemplate",
            "adx_pagetemplate",
            "adx_pagetemplateid",
            6,
            Shape.OWN_FILE,
            "page-templates",
            "page-templates"),
    CONTENT_SNIPPET(
            "contentsnippet",
            "adx_contentsnippet",
            "adx_contentsnippetid",
            7,
            Shape.OWN_FILE,
            "content-snippets",
            "content-snippets") {
        @Override
        public String languageColumn() {
            return "adx_contentsnippetlanguageid";
        }

        @Override
        public List<SideFile> sideFiles() {
            return List.of(new SideFile("value.html", "adx_value"));
        }
    },
    WEB_TEMPLATE(
            "webtemplate",
            "adx_webtemplate",
            "adx_webtemplateid",
            8,
            Shape.OWN_FILE,
            "web-templates",
            "web-templates") {
        @Override
        public List<SideFile> sideFiles() {
            return List.of(new SideFile("source.html", "adx_source"));
        }
    },
    SITE_SETTING("sitesetting", "adx_sitesetting", "adx_sitesettingid", 9, Shape.ROOT_LIST, "", "site-settings"),
    WEBPAGE_RULE(
            "webpagerule",
            "adx_webpageaccesscontrolrule",
            "adx_webpageaccesscontrolruleid",
            10,
            Shape.ROOT_LIST,
            "",
            "webpage-rules"),
    WEB_ROLE("webrole", "adx_webrole", "adx_webroleid", 11, Shape.ROOT_LIST, "", "web-roles"),
    /** The enhanced folder really is spelled {@code website-accesss} (as pac writes it). */
    WEBSITE_ACCESS(
            "websiteaccess", "adx_websiteaccess", "adx_websiteaccessid", 12, Shape.ROOT_LIST, "", "website-accesss"),
    SITE_MARKER("sitemarker", "adx_sitemarker", "adx_sitemarkerid", 13, Shape.ROOT_LIST, "", "sitemarkers"),
    BASIC_FORM("basicform", "adx_entityform", "adx_entityformid", 15, Shape.OWN_FILE, "basic-forms", "basic-forms") {
        @Override
        public List<SideFile> sideFiles() {
            return List.of(new SideFile("custom_javascript.js", "adx_registerstartupscript"));
        }
    },
    BASIC_FORM_METADATA(
            "basicformmetadata",
            "adx_entityformmetadata",
            "adx_entityformmetadataid",
            16,
            Shape.CHILD_LIST,
            "basic-forms",
            "basic-forms") {
        @Override
        public Optional<Parent> parent() {
            return Optional.of(new Parent(BASIC_FORM, "adx_entityform"));
        }
    },
    LIST("list", "adx_entitylist", "adx_entitylistid", 17, Shape.OWN_FILE, "lists", "lists") {
        @Override
        public List<SideFile> sideFiles() {
            return List.of(new SideFile("custom_javascript.js", "adx_registerstartupscript"));
        }
    },
    TABLE_PERMISSION(
            "tablepermission",
            "adx_entitypermission",
            "adx_entitypermissionid",
            18,
            Shape.OWN_FILE,
            "table-permissions",
            "table-permissions") {
        @Override
        public String nameColumn() {
            return "adx_entityname";
        }

        @Override
        public boolean enhancedNameIsNameColumn() {
            return true;
        }
    },
    ADVANCED_FORM(
            "advancedform", "adx_webform", "adx_webformid", 19, Shape.OWN_FILE, "advanced-forms", "advanced-forms"),
    ADVANCED_FORM_STEP(
            "advancedformstep",
            "adx_webformstep",
            "adx_webformstepid",
            20,
            Shape.OWN_FILE,
            "advanced-forms",
            "advanced-forms") {
        @Override
        public Optional<Parent> parent() {
            return Optional.of(new Parent(ADVANCED_FORM, "adx_webform"));
        }

        @Override
        public List<SideFile> sideFiles() {
            return List.of(new SideFile("custom_javascript.js", "adx_registerstartupscript"));
        }
    },
    ADVANCED_FORM_METADATA(
            "advancedformmetadata",
            "adx_webformmetadata",
            "adx_webformmetadataid",
            21,
            Shape.CHILD_LIST,
            "advanced-forms",
            "advanced-forms") {
        @Override
        public Optional<Parent> parent() {
            return Optional.of(new Parent(ADVANCED_FORM_STEP, "adx_webformstep"));
        }
    },
    POLL("poll", "adx_poll", "adx_pollid", null, Shape.OWN_FILE, "polls", null),
    POLL_OPTION("polloption", "adx_polloption", "adx_polloptionid", null, Shape.CHILD_LIST, "polls", null) {
        @Override
        public Optional<Parent> parent() {
            return Optional.of(new Parent(POLL, "adx_pollid"));
        }
    },
    /** Enhanced folder (no public example). */
    POLL_PLACEMENT(
            "pollplacement",
            "adx_pollplacement",
            "adx_pollplacementid",
            24,
            Shape.OWN_FILE,
            "poll-placements",
            "poll-placements"),
    AD("ad", "adx_ad", "adx_adid", null, Shape.ROOT_LIST, "", null),
    /** Enhanced folder (no public example). */
    AD_PLACEMENT("adplacement", "adx_adplacement", "adx_adplacementid", 26, Shape.ROOT_LIST, "", "ad-placements"),
    /** Enhanced folder (no public example). */
    BOT_CONSUMER("botconsumer", "adx_botconsumer", "adx_botconsumerid", 27, Shape.ROOT_LIST, "", "bot-consumers"),
    COLUMN_PERMISSION_PROFILE(
            "columnpermissionprofile",
            "adx_columnpermissionprofile",
            "adx_columnpermissionprofileid",
            28,
            Shape.OWN_FILE,
            "column-permission-profiles",
            "column-permission-profiles") {
        @Override
        public String nameColumn() {
            return "adx_profilename";
        }
    },
    COLUMN_PERMISSION(
            "columnpermission",
            "adx_columnpermission",
            "adx_columnpermissionid",
            29,
            Shape.CHILD_LIST,
            "column-permission-profiles",
            "column-permission-profiles") {
        @Override
        public Optional<Parent> parent() {
            return Optional.of(new Parent(COLUMN_PERMISSION_PROFILE, "adx_columnpermissionprofileid"));
        }

        @Override
        public String nameColumn() {
            return "adx_columnname";
        }
    },
    /** Enhanced folder (no public example). */
    REDIRECT("redirect", "adx_redirect", "adx_redirectid", 30, Shape.ROOT_LIST, "", "redirects") {
        @Override
        public boolean hasOwnStatusCode() {
            return true;
        }
    },
    CLOUD_FLOW_CONSUMER(
            "cloudflowconsumer",
            "adx_cloudflowconsumer",
            "adx_cloudflowconsumerid",
            33,
            Shape.OWN_FILE,
            "cloud-flow-consumer",
            "cloud-flow-consumer"),
    TAG("tag", "adx_tag", "adx_tagid", null, Shape.ROOT_LIST, "", null),
    URL_HISTORY("urlhistory", "adx_urlhistory", "adx_urlhistoryid", null, Shape.ROOT_LIST, "", null);

    /** How the standard layout stores rows of a kind. */
    public enum Shape {
        /** {@code website.yml}: one row. */
        ROOT_SINGLE,
        /** {@code sitesetting.yml}: a list of rows in one file at the root (or in {@code .portalconfig/}). */
        ROOT_LIST,
        /** {@code web-pages/home/Home.webpage.yml}: a file per row. */
        OWN_FILE,
        /** {@code Default.en-US.weblinkset.weblink.yml}: a list beside the parent row's file. */
        CHILD_LIST
    }

    /** A column kept in a file of its own beside the row's YAML: {@code Home.webpage.copy.html} holds adx_copy. */
    public record SideFile(String suffix, String column) {}

    /** The row a child belongs to, and the lookup column naming it. */
    public record Parent(RowKind kind, String lookupColumn) {}

    private static final Map<String, RowKind> BY_TABLE =
            Arrays.stream(values()).collect(Collectors.toMap(RowKind::table, Function.identity()));

    private static final Map<Integer, RowKind> BY_COMPONENT_TYPE = Arrays.stream(values())
            .filter(kind -> kind.componentType != null)
            .collect(Collectors.toMap(RowKind::componentType, Function.identity()));

    /** Longest token first, so {@code .basicformmetadata.yml} is not taken for {@code .basicform.yml}'s kin. */
    private static final List<RowKind> BY_TOKEN_LENGTH = Arrays.stream(values())
            .filter(kind -> kind.token != null)
            .sorted(Comparator.comparingInt((RowKind kind) -> kind.token.length())
                    .reversed())
            .toList();

    private final String token;
    private final String table;
    private final String idColumn;
    private final Integer componentType;
    private final Shape standardShape;
    private final String standardFolder;
    private final String enhancedFolder;

    RowKind(
            String token,
            String table,
            String idColumn,
            Integer componentType,
            Shape standardShape,
            String standardFolder,
            String enhancedFolder) {
        this.token = token;
        this.table = table;
        this.idColumn = idColumn;
        this.componentType = componentType;
        this.standardShape = standardShape;
        this.standardFolder = standardFolder;
        this.enhancedFolder = enhancedFolder;
    }

    /** {@code webpage} for {@code *.webpage.yml}; {@code null} for rows that have no file of their own. */
    public String token() {
        return token;
    }

    /** The standard data model's table (logical name). */
    public String table() {
        return table;
    }

    /** The standard table's primary key column. */
    public String idColumn() {
        return idColumn;
    }

    /** The primary name column, which pac names the row's files after. */
    public String nameColumn() {
        return "adx_name";
    }

    /** The lookup to adx_websitelanguage for rows kept per language, else {@code null}. */
    public String languageColumn() {
        return null;
    }

    public List<SideFile> sideFiles() {
        return List.of();
    }

    public Optional<Parent> parent() {
        return Optional.empty();
    }

    /**
     * Whether pac's enhanced YAML leaves out {@code name:} because the row's name is its {@link #nameColumn()} (a
     * table permission's {@code entityname:}), as the downloaded code sites show.
     */
    public boolean enhancedNameIsNameColumn() {
        return false;
    }

    /**
     * A redirect has a column adx_statuscode (the HTTP status it answers with), which the enhanced layout writes as
     * {@code statuscode:}, the same key as the row's status reason; for such kinds that key is the column's.
     */
    public boolean hasOwnStatusCode() {
        return false;
    }

    /** {@code powerpagecomponenttype} in the enhanced data model; {@code null} where the enhanced model has none. */
    public Integer componentType() {
        return componentType;
    }

    public Shape standardShape() {
        return standardShape;
    }

    /** The standard layout's folder ({@code ""} for the root). */
    public String standardFolder() {
        return standardFolder;
    }

    /** The enhanced layout's folder; {@code null} where the enhanced model has no such rows. */
    public String enhancedFolder() {
        return enhancedFolder;
    }

    /** The kind a YAML file holds, by its name ({@code Home.en-US.webpage.yml}, {@code sitesetting.yml}). */
    public static Optional<RowKind> ofYamlFile(String fileName) {
        if (!fileName.endsWith(".yml")) {
            return Optional.empty();
        }
        for (RowKind kind : BY_TOKEN_LENGTH) {
            if (fileName.equals(kind.token + ".yml") || fileName.endsWith("." + kind.token + ".yml")) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public static Optional<RowKind> ofTable(String table) {
        return Optional.ofNullable(BY_TABLE.get(table));
    }

    public static Optional<RowKind> ofComponentType(int type) {
        return Optional.ofNullable(BY_COMPONENT_TYPE.get(type));
    }

    /** The enhanced layout's key for a standard column: {@code adx_partialurl} is {@code partialurl}. */
    public static String enhancedKey(String standardColumn) {
        return standardColumn.startsWith("adx_") ? standardColumn.substring(4) : standardColumn;
    }
}
