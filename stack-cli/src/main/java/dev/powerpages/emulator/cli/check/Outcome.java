package dev.powerpages.emulator.cli.check;

/** What a visitor got for one published page or web file, as check-site counts it. */
public enum Outcome {
    /** 200 with the content (a web file: with its content type). */
    SERVED,
    /** The sign-in redirect or the 403 its access rules call for an anonymous visitor: counted as served. */
    ACCESS_RULE,
    /** A web file answered 404. */
    MISSING,
    /** A web file served with another content type than its row names. */
    WRONG_TYPE,
    /** Anything else: an error status, the node's template-error page, Liquid error text in the page. */
    FAILED;

    public boolean ok() {
        return this == SERVED || this == ACCESS_RULE;
    }
}
