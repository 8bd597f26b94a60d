package dev.powerpages.emulator.trafficmanager.profile;

/** ARM {@code customHeaders} item: a header every health probe of the profile sends. */
public record CustomHeader(String name, String value) {}
