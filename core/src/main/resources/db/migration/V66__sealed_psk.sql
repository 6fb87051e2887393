-- Devices' DTLS pre-shared keys sealed with AES-256-GCM under a key kept outside the database
-- (database.psk-key-file; docs/decisions/0014). The plaintext column stays only for rows written
-- before this version, until `caregrid seal-psks` moves them; nothing writes it any more.
ALTER TABLE device ADD COLUMN psk_sealed bytea;
ALTER TABLE device ADD CONSTRAINT device_one_psk CHECK (psk IS NULL OR psk_sealed IS NULL);
COMMENT ON COLUMN device.psk IS 'plaintext DTLS key of a row not yet sealed; caregrid seal-psks';
COMMENT ON COLUMN device.psk_sealed IS 'DTLS key sealed under database.psk-key-file (PskCipher)';
