package org.caregrid.core.device;

import java.time.Duration;

/**
 * An enrolled device as the registry knows it.
 *
 * @param key the database key, used in every stored row
 * @param id the external identity
 * @param residentKey the resident the device serves, or 0 when it serves the whole home
 * @param expectedInterval how often the device reports when healthy
 */
public record Device(
    int key, DeviceId id, DeviceKind kind, int residentKey, Duration expectedInterval) {}
