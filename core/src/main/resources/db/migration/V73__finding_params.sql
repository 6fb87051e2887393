-- What a rule saw and what routing did, as a code and parameters beside the English text, so that
-- the console can say them in the operator's language (decision 0016). Null for older rows.
ALTER TABLE alert ADD COLUMN finding jsonb;
ALTER TABLE alert_event ADD COLUMN params jsonb;
