-- Webhook deliveries that failed their last try, kept for inspection (and replay by hand).
CREATE TABLE webhook_delivery (
  id          bigserial PRIMARY KEY,
  alert_id    bigint NOT NULL REFERENCES alert (id),
  url         text NOT NULL,
  payload     jsonb NOT NULL,      -- the help request as it was sent (README, "Help requests")
  attempts    int NOT NULL CHECK (attempts > 0),
  last_error  text NOT NULL,
  last_status int,                 -- HTTP status of the last answer; null when none came
  failed_at   timestamptz NOT NULL
);
CREATE INDEX webhook_delivery_failed_at ON webhook_delivery (failed_at DESC);
CREATE INDEX webhook_delivery_alert ON webhook_delivery (alert_id);
