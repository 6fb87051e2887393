-- An alert nobody accepted after the last escalation step is not dropped (decision 0015): it is
-- asked of every station told so far and the district centre again at each accept_deadline,
-- which keeps serving as its timer; this says since when it has been unanswered, for the console.
ALTER TABLE alert ADD COLUMN unanswered_since timestamptz;
