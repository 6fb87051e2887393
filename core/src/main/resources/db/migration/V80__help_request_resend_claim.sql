-- A help request committed with its alert but never published (its node died in between) is
-- published by whichever node's alert desk claims it first: the claim keeps two desks from both
-- sending it, and a claim whose node died in turn lapses after a few seconds (decision 0030).
ALTER TABLE alert_route ADD COLUMN send_claimed_at timestamptz;

-- The desks look for routes still unnotified every second; those are few among all routes.
CREATE INDEX alert_route_unnotified ON alert_route (routed_at) WHERE notified_at IS NULL;
