package dev.powerpages.emulator.sitefolder;

/** The folder layouts {@code pac pages download} (and a solution export) write. */
public enum FolderLayout {

    /** {@code website.yml}, {@code web-pages/**}, … with adx_ keys (standard data model). */
    STANDARD_YAML,

    /** The same tree with short keys ({@code id:}, {@code partialurl:}) as newer pac writes for the enhanced model, and a code site keeps in {@code .powerpages-site/}. */
    ENHANCED_YAML,

    /** An unpacked solution: {@code powerpagecomponents/<id>/powerpagecomponent.xml} (enhanced model). */
    SOLUTION_XML
}
