-- Readings: a TimescaleDB hypertable with 1-day chunks when the server has the extension,
-- otherwise a table range-partitioned by day (DESIGN §5). ${storage} is chosen by Migrations.

DO $$
BEGIN
  IF '${storage}' = 'timescaledb' THEN
    CREATE EXTENSION IF NOT EXISTS timescaledb;
    CREATE TABLE reading (
      time      timestamptz NOT NULL,
      device_id int NOT NULL,
      metric    smallint NOT NULL,
      value     double precision NOT NULL
    );
    PERFORM create_hypertable('reading', 'time', chunk_time_interval => INTERVAL '1 day');
  ELSE
    CREATE TABLE reading (
      time      timestamptz NOT NULL,
      device_id int NOT NULL,
      metric    smallint NOT NULL,
      value     double precision NOT NULL
    ) PARTITION BY RANGE (time);
    -- Catches rows outside the prepared days, so no reading is ever refused for its date.
    CREATE TABLE reading_default PARTITION OF reading DEFAULT;
  END IF;
END
$$;

-- Redelivered readings are skipped on (device, metric, time).
CREATE UNIQUE INDEX reading_device_metric_time ON reading (device_id, metric, time);
CREATE INDEX reading_device_time ON reading (device_id, time DESC);

-- Daily partitions for plain PostgreSQL, created ahead of time by the platform.
CREATE FUNCTION caregrid_prepare_reading_days(first_day date, days int) RETURNS int
LANGUAGE plpgsql AS $fn$
DECLARE
  d date;
  created int := 0;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'reading'::regclass) THEN
    RETURN 0;
  END IF;
  FOR i IN 0 .. days - 1 LOOP
    d := first_day + i;
    IF to_regclass('reading_' || to_char(d, 'YYYYMMDD')) IS NULL THEN
      EXECUTE format(
        'CREATE TABLE %I PARTITION OF reading FOR VALUES FROM (%L) TO (%L)',
        'reading_' || to_char(d, 'YYYYMMDD'),
        (d::timestamp AT TIME ZONE 'UTC'),
        ((d + 1)::timestamp AT TIME ZONE 'UTC'));
      created := created + 1;
    END IF;
  END LOOP;
  RETURN created;
END
$fn$;

SELECT caregrid_prepare_reading_days((now() AT TIME ZONE 'UTC')::date - 1, 9);

CREATE TABLE device_event (
  time      timestamptz NOT NULL,
  device_id int NOT NULL REFERENCES device (id),
  type      text NOT NULL,
  seq       bigint,
  data      jsonb NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (device_id, time, type)
);
