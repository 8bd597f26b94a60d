package dev.powerpages.emulator.regionfront.instances;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a name to every address it has: {@link InetAddress#getAllByName} in the front, a stub in tests. A bean of
 * this type replaces the default.
 */
@FunctionalInterface
public interface InstanceLookup {

    InetAddress[] addressesOf(String name) throws UnknownHostException;
}
