-- A station's panels and apps log in to the broker as station.{code} to read the station's help
-- requests (care/stations/{code}/alerts). Only the hash is kept, in Mosquitto's PBKDF2 format,
-- as for devices; `caregrid station-panel` issues the password and `broker-auth` exports it.
ALTER TABLE station ADD COLUMN panel_credential_hash text;
