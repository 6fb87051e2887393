package org.caregrid.ingest.registry;

import org.caregrid.core.device.Device;

/**
 * An active device as ingest admits it.
 *
 * @param psk its DTLS pre-shared key, or null when it has none
 */
@SuppressWarnings("ArrayRecordComponent") // held in the cache, never compared
record Enrolled(Device device, byte[] psk) {}
