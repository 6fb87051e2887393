-- Daily partitions get a B-tree on time, as TimescaleDB's chunks have, in place of V7's BRIN. The
-- rollups read one minute at a time, and a BRIN index cannot rule out the pages it has not
-- summarised: the newest never are until a vacuum, so each minute's rollup scanned most of the day
-- (StorageUpkeepContractIT measures it: 2,425 of 2,548 pages for one minute of twenty).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_partitioned_table WHERE partrelid = 'reading'::regclass) THEN
    DROP INDEX IF EXISTS reading_time_brin;
    CREATE INDEX reading_time ON reading (time);
  END IF;
END
$$;
