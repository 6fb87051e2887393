-- The dashboard's reads of a resident: their alert history, newest first, and whether station staff
-- may see them at all (an alert of theirs routed to the station). Only open alerts had an index by
-- resident (alert_one_open_per_cause).
CREATE INDEX alert_resident ON alert (resident_id, raised_at DESC);
