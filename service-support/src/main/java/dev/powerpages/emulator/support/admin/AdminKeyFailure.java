package dev.powerpages.emulator.support.admin;

/** Why a request to a protected path is refused, for services whose answer tells the two apart (the gateway's does). */
public enum AdminKeyFailure {
    /** No admin key header. */
    MISSING,
    /** A header that does not hold the admin key. */
    WRONG
}
