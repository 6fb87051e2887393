-- Rejected device messages, kept (capped by the platform) so firmware teams can see what went wrong.
CREATE TABLE rejected_message (
  id              bigserial PRIMARY KEY,
  at              timestamptz NOT NULL DEFAULT now(),
  transport       text NOT NULL,
  device_uid      text,            -- as the transport named it; may not be enrolled
  reason          text NOT NULL,
  detail          text NOT NULL,
  payload_size    int NOT NULL,
  payload_excerpt text NOT NULL    -- the first bytes, non-printable ones escaped
);
CREATE INDEX rejected_message_at ON rejected_message (at DESC);

-- Rollups for charts, maintained by the platform (the Apache edition of TimescaleDB has no
-- continuous aggregates, and plain PostgreSQL none at all). Each bucket is recomputed whole.
CREATE TABLE reading_1m (
  bucket    timestamptz NOT NULL,
  device_id int NOT NULL,
  metric    smallint NOT NULL,
  n         int NOT NULL,
  mean      double precision NOT NULL,
  min       double precision NOT NULL,
  max       double precision NOT NULL,
  PRIMARY KEY (device_id, metric, bucket)
);

CREATE TABLE reading_1h (LIKE reading_1m INCLUDING ALL);

-- How far each rollup is complete: buckets before the mark are final unless late data arrives.
CREATE TABLE rollup_mark (
  rollup  text PRIMARY KEY,
  done_to timestamptz NOT NULL
);
