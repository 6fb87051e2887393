package org.caregrid.ingest.registry;

/** How the database keeps a device's DTLS key. */
enum KeyState {
  NONE,
  SEALED,
  /** Written before keys were sealed; {@code caregrid seal-psks} seals it. */
  PLAINTEXT,
  /** Sealed, but it does not open: wrong key file or an altered row. */
  UNREADABLE
}
