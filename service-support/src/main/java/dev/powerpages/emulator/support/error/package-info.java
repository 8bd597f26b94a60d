/** The stack's shared error envelope, {@code {"error":{"code":…,"message":…}}}. */
package dev.powerpages.emulator.support.error;
