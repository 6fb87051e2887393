package org.caregrid.ingest.registry;

import org.caregrid.core.device.Device;

/**
 * An active device as ingest admits it.
 *
 * @param psk its DTLS pre-shared key, opened, or null when it has none or it does not open
 * @param key how the database keeps that key
 */
@SuppressWarnings("ArrayRecordComponent") // held in the cache, never compared
record Enrolled(Device device, byte[] psk, KeyState key) {}
