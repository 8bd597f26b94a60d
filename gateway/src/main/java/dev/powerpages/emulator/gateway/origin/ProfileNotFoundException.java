package dev.powerpages.emulator.gateway.origin;

/**
 * The traffic manager answered 404: the profile is disabled or has no enabled endpoint. This is
 * Traffic Manager's NXDOMAIN, an authoritative "no origin", so no last good answer outlives it.
 */
public class ProfileNotFoundException extends RuntimeException {

    public ProfileNotFoundException(String message) {
        super(message);
    }
}
