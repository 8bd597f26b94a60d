package dev.powerpages.emulator.sitefolder;

/** Power Pages' two data models. */
public enum DataModel {

    /** adx_ tables, one table per kind of metadata ({@code --modelVersion 1}). */
    STANDARD,

    /** {@code powerpagesite} and {@code powerpagecomponent} rows, read through the mspp_ views. */
    ENHANCED
}
