-- Alerts and their append-only audit trail (DESIGN §6).

CREATE TABLE alert (
  id              bigserial PRIMARY KEY,
  kind            text NOT NULL,
  severity        text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  resident_id     int NOT NULL REFERENCES resident (id),
  device_id       int REFERENCES device (id),
  station_id      int REFERENCES station (id),
  state           text NOT NULL
                  CHECK (state IN ('raised', 'notified', 'accepted', 'on_site', 'resolved', 'cancelled')),
  occurrences     int NOT NULL DEFAULT 1,
  detail          text NOT NULL DEFAULT '',
  raised_at       timestamptz NOT NULL,
  last_seen_at    timestamptz NOT NULL,
  notified_at     timestamptz,
  accept_deadline timestamptz,
  accepted_at     timestamptz,
  on_site_at      timestamptz,
  closed_at       timestamptz,
  outcome         text CHECK (outcome IN ('assisted', 'false_alarm', 'hospital_transfer', 'no_access', 'other'))
);

-- One open alert per (resident, kind): repeats update it, also across restarts and nodes.
CREATE UNIQUE INDEX alert_one_open_per_cause ON alert (resident_id, kind)
  WHERE state NOT IN ('resolved', 'cancelled');
CREATE INDEX alert_raised ON alert (raised_at DESC);

CREATE TABLE alert_event (
  id        bigserial PRIMARY KEY,
  alert_id  bigint NOT NULL REFERENCES alert (id),
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  action    text NOT NULL,
  note      text
);
CREATE INDEX alert_event_alert ON alert_event (alert_id, at);

CREATE FUNCTION caregrid_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$fn$;

CREATE TRIGGER alert_event_append_only BEFORE UPDATE OR DELETE ON alert_event
  FOR EACH ROW EXECUTE FUNCTION caregrid_refuse_change();
