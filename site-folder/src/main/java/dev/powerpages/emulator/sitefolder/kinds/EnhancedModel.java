package dev.powerpages.emulator.sitefolder.kinds;

/**
 * Table and column names of Power Pages' enhanced data model (Dataverse logical names, from the Site Component,
 * Power Pages Site and Power Pages Site Language table references), as the rows of an enhanced site carry them.
 */
public final class EnhancedModel {

    public static final String SITE = "powerpagesite";
    public static final String SITE_ID = "powerpagesiteid";
    public static final String SITE_LANGUAGE = "powerpagesitelanguage";
    public static final String SITE_LANGUAGE_ID = "powerpagesitelanguageid";
    public static final String COMPONENT = "powerpagecomponent";
    public static final String COMPONENT_ID = "powerpagecomponentid";

    public static final String NAME = "name";
    public static final String TYPE = "powerpagecomponenttype";
    /** A JSON document of the row's other columns ({@code {"partialurl":"about","copy":"<p>…"}}). */
    public static final String CONTENT = "content";

    public static final String STATE = "statecode";
    public static final String STATUS = "statuscode";
    /** A file column: a web file's content ({@code byte[]}). */
    public static final String FILE_CONTENT = "filecontent";
    /** The name of the file in {@link #FILE_CONTENT} (Dataverse's {@code filecontent_name}). */
    public static final String FILE_CONTENT_NAME = "filecontent_name";
    /**
     * The MIME type Dataverse keeps with the file in {@link #FILE_CONTENT}. Not a column of the table: the emulator's
     * name for the file's type, which a solution writes as {@code <filecontent mimetype="…">} and pac as the web
     * file's {@code mimetype:}.
     */
    public static final String FILE_CONTENT_MIME_TYPE = "filecontent_mimetype";

    /** powerpagesitelanguage's own columns (a solution's XML has them; pac keeps them in .portalconfig). */
    public static final String LANGUAGE_CODE = "languagecode";

    public static final String LCID = "lcid";
    public static final String DISPLAY_NAME = "displayname";

    private EnhancedModel() {}
}
