-- Who and what the platform serves: stations, homes, residents, devices (DESIGN §5).

CREATE TABLE station (
  id        serial PRIMARY KEY,
  code      text NOT NULL UNIQUE,
  name      text NOT NULL,
  tier      text NOT NULL CHECK (tier IN ('community', 'street', 'district', 'city')),
  parent_id int REFERENCES station (id),
  lat       double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon       double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  on_duty   boolean NOT NULL DEFAULT true,
  capacity  int NOT NULL DEFAULT 5 CHECK (capacity > 0)
);

CREATE TABLE home (
  id         serial PRIMARY KEY,
  address    text NOT NULL,
  community  text NOT NULL,
  lat        double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon        double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  time_zone  text NOT NULL DEFAULT 'Asia/Shanghai'
);

CREATE TABLE resident (
  id           serial PRIMARY KEY,
  home_id      int NOT NULL REFERENCES home (id),
  name         text NOT NULL,
  birth_year   int,
  lives_alone  boolean NOT NULL DEFAULT false,
  dementia     boolean NOT NULL DEFAULT false,
  copd_scale2  boolean NOT NULL DEFAULT false,
  -- Thresholds that override the platform defaults for this resident (e.g. {"hr_high": 120}).
  care_plan    jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX resident_home ON resident (home_id);

CREATE TABLE device (
  id                  serial PRIMARY KEY,
  uid                 text NOT NULL UNIQUE,   -- MQTT username, topic segment, DTLS PSK identity
  kind                text NOT NULL,
  home_id             int NOT NULL REFERENCES home (id),
  -- Home-wide sensors (smoke, door) are attached to the home's primary resident.
  resident_id         int NOT NULL REFERENCES resident (id),
  credential_hash     text,                   -- hashed MQTT password
  psk                 bytea,                  -- DTLS pre-shared key
  expected_interval_s int NOT NULL DEFAULT 60 CHECK (expected_interval_s > 0),
  active              boolean NOT NULL DEFAULT true,
  enrolled_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX device_resident ON device (resident_id);

CREATE TABLE device_status (
  device_id  int PRIMARY KEY REFERENCES device (id),
  online     boolean NOT NULL DEFAULT false,
  last_seen  timestamptz,
  battery    double precision
);
