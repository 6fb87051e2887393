-- Routing and escalation of alerts to stations (DESIGN §6).

-- Every station an alert was sent to, one row per station: staff of each of them may see and
-- act on it. Step 0 is the first routing; each escalation adds the next steps' stations.
CREATE TABLE alert_route (
  alert_id    bigint NOT NULL REFERENCES alert (id),
  station_id  int NOT NULL REFERENCES station (id),
  step        int NOT NULL CHECK (step >= 0),
  routed_at   timestamptz NOT NULL,
  accept_by   timestamptz NOT NULL,
  notified_at timestamptz,
  PRIMARY KEY (alert_id, station_id)
);
CREATE INDEX alert_route_station ON alert_route (station_id, alert_id);

-- The routing step the alert is at, and whether staff should call emergency services (120):
-- a critical alert nobody accepted by the time it reached the district tier.
ALTER TABLE alert ADD COLUMN step int NOT NULL DEFAULT 0;
ALTER TABLE alert ADD COLUMN advise_emergency_call boolean NOT NULL DEFAULT false;

-- A station's load for routing: its open alerts.
CREATE INDEX alert_open_by_station ON alert (station_id)
  WHERE state NOT IN ('resolved', 'cancelled');

-- Escalation timers are the deadlines themselves: after a restart they resume from here.
CREATE INDEX alert_awaiting_accept ON alert (accept_deadline)
  WHERE state IN ('raised', 'notified') AND accept_deadline IS NOT NULL;

-- An alert whose cause went away by itself (a device back online) closes as 'restored'.
ALTER TABLE alert DROP CONSTRAINT alert_outcome_check;
ALTER TABLE alert ADD CONSTRAINT alert_outcome_check CHECK (outcome IN
  ('assisted', 'false_alarm', 'hospital_transfer', 'no_access', 'other', 'restored'));

-- Alerting keeps residents' thresholds in memory; a care-plan edit tells it to reload.
CREATE FUNCTION caregrid_resident_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('caregrid_resident', NEW.id::text);
  RETURN NEW;
END
$fn$;

CREATE TRIGGER resident_changed AFTER INSERT OR UPDATE ON resident
  FOR EACH ROW EXECUTE FUNCTION caregrid_resident_changed();

CREATE FUNCTION caregrid_device_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_notify('caregrid_resident', NEW.resident_id::text);
  RETURN NEW;
END
$fn$;

CREATE TRIGGER device_changed AFTER INSERT OR UPDATE ON device
  FOR EACH ROW EXECUTE FUNCTION caregrid_device_changed();
