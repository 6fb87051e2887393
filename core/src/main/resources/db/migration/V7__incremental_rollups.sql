-- Rollups kept from the minutes each commit wrote to (docs/decisions/0003-incremental-rollups.md).
-- Buckets hold a sum instead of a mean, so an hour can take a minute's change by addition.
ALTER TABLE reading_1m ADD COLUMN sum double precision;
UPDATE reading_1m SET sum = mean * n;
ALTER TABLE reading_1m ALTER COLUMN sum SET NOT NULL;
ALTER TABLE reading_1m DROP COLUMN mean;

ALTER TABLE reading_1h ADD COLUMN sum double precision;
UPDATE reading_1h SET sum = mean * n;
ALTER TABLE reading_1h ALTER COLUMN sum SET NOT NULL;
ALTER TABLE reading_1h DROP COLUMN mean;

-- A minute some commit wrote to and the rollups have not taken in yet. The writer adds one row per
-- minute and commit (never updates one), so writers never wait on each other here.
CREATE TABLE rollup_dirty (
  id     bigserial PRIMARY KEY,
  bucket timestamptz NOT NULL
);
CREATE INDEX rollup_dirty_bucket ON rollup_dirty (bucket);

-- What the previous scheme had not rolled up yet: every minute from its mark on.
INSERT INTO rollup_dirty (bucket)
SELECT DISTINCT date_bin('1 minute', time, TIMESTAMPTZ '2000-01-01') FROM reading
WHERE time >= coalesce((SELECT done_to FROM rollup_mark WHERE rollup = 'reading'), '-infinity');
DROP TABLE rollup_mark;

-- Rollups read one minute of all devices. TimescaleDB chunks have a time index already; daily
-- partitions get a BRIN one (tiny, and rows arrive in time order).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'reading'::regclass) THEN
    CREATE INDEX reading_time_brin ON reading USING brin (time);
  END IF;
END
$$;
