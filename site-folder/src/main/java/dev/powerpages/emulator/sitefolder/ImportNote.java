package dev.powerpages.emulator.sitefolder;

/**
 * Something the reader noticed that does not stop an import.
 *
 * @param kind    what sort of note
 * @param source  where
 * @param message what, for a person
 */
public record ImportNote(Kind kind, SourceLocation source, String message) {

    public enum Kind {
        /** A file that is not part of the site (README, package.json, a test report beside it). */
        NOT_SITE_FILE,
        /** A file of a kind the site has but the emulator does not use. */
        UNUSED_KIND,
        /** A deactivated row that repeats an active row's id: the active row was kept. */
        DUPLICATE_ID,
        /** Anything else worth saying once. */
        OTHER
    }
}
