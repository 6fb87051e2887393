-- Accounts that are not station staff (docs/decisions/0024): a kiosk (the command centre's big
-- screen: read-only, names masked), the city platform (reads the tier feed) and a family doctor
-- (reads their own residents over FHIR). A kiosk or the city platform may be limited to one
-- station and the units below it; station staff and leads still need their station.
ALTER TABLE staff_user DROP CONSTRAINT staff_user_role_check;
ALTER TABLE staff_user ADD CONSTRAINT staff_user_role_check CHECK (role IN
  ('station_staff', 'station_lead', 'district_admin', 'programme_admin',
   'kiosk', 'city_platform', 'family_doctor'));
ALTER TABLE staff_user DROP CONSTRAINT staff_user_check;
ALTER TABLE staff_user ADD CONSTRAINT staff_user_station_check CHECK (
  CASE role
    WHEN 'station_staff' THEN station_id IS NOT NULL
    WHEN 'station_lead' THEN station_id IS NOT NULL
    WHEN 'kiosk' THEN true
    WHEN 'city_platform' THEN true
    ELSE station_id IS NULL
  END);

-- Family doctors and who signed with whom (家庭医生签约). The resident's record shows its doctor; a
-- doctor's user reads over FHIR only the residents signed with them.
CREATE TABLE family_doctor (
  id      serial PRIMARY KEY,
  name    text NOT NULL,
  clinic  text NOT NULL DEFAULT '',
  phone   text NOT NULL DEFAULT ''
);
ALTER TABLE resident ADD COLUMN family_doctor_id int REFERENCES family_doctor (id);
CREATE INDEX resident_family_doctor ON resident (family_doctor_id);
ALTER TABLE staff_user ADD COLUMN family_doctor_id int REFERENCES family_doctor (id);
ALTER TABLE staff_user ADD CONSTRAINT staff_user_doctor_check
  CHECK ((role = 'family_doctor') = (family_doctor_id IS NOT NULL));

-- Bearer tokens for systems that read the API on an account's behalf (the city platform, a
-- doctor's practice system): only a SHA-256 of the token is kept, like sessions.
CREATE TABLE api_token (
  token_hash   bytea PRIMARY KEY CHECK (octet_length(token_hash) = 32),
  user_id      int NOT NULL REFERENCES staff_user (id) ON DELETE CASCADE,
  label        text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_token_user ON api_token (user_id);
