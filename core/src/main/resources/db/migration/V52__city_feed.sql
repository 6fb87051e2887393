-- What the district reports to the city platform (docs/decisions/0023): one record per alert
-- lifecycle change and one per unit and day of indicators. Pushed from here in order and read by
-- the city through /api/v1/tier/records; nothing is sent that is not a row here first.
CREATE TABLE city_record (
  id              bigserial PRIMARY KEY,
  -- The feed's order, given once the writing transaction is settled (CityFeed.sequence): every
  -- reader sees the sequenced records as one unbroken run, and an alert's records in their order.
  seq             bigint UNIQUE,
  tx              xid8 NOT NULL DEFAULT pg_current_xact_id(),
  type            text NOT NULL CHECK (type IN ('alert_change', 'daily_indicators')),
  -- The idempotency key: the same record always carries the same one.
  key             text NOT NULL UNIQUE,
  -- The unit the record belongs to: the resident's community station, or the unit reported on.
  unit_station_id int REFERENCES station (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  -- alert_change: the alert as it was when the change committed. The resident leaves only as a
  -- pseudonym; names and addresses are never copied here.
  alert_id        bigint REFERENCES alert (id),
  change_no       int,
  action          text,
  at              timestamptz,
  resident_id     int,
  kind            text,
  severity        text,
  state           text,
  step            int,
  tier            text,
  station_id      int,
  outcome         text,
  raised_at       timestamptz,
  notified_at     timestamptz,
  accepted_at     timestamptz,
  on_site_at      timestamptz,
  closed_at       timestamptz,
  -- daily_indicators: the indicators as computed when the day closed.
  day             date,
  payload         jsonb,
  -- Push to the configured city endpoint.
  pushed_at       timestamptz,
  push_attempts   int NOT NULL DEFAULT 0,
  push_error      text,
  CHECK ((type = 'alert_change') = (alert_id IS NOT NULL AND change_no IS NOT NULL)),
  CHECK ((type = 'daily_indicators') = (payload IS NOT NULL AND day IS NOT NULL))
);
CREATE INDEX city_record_unsequenced ON city_record (id) WHERE seq IS NULL;
CREATE INDEX city_record_unpushed ON city_record (seq) WHERE pushed_at IS NULL AND seq IS NOT NULL;
CREATE INDEX city_record_alert ON city_record (alert_id, change_no);
CREATE INDEX city_record_day ON city_record (day) WHERE day IS NOT NULL;

-- Each alert's changes counted: taking the next number locks the alert's counter until commit, so
-- an alert's records are numbered, and given ids, in the order their transactions committed.
CREATE TABLE city_alert_counter (
  alert_id  bigint PRIMARY KEY REFERENCES alert (id),
  changes   int NOT NULL
);

-- Every change to an alert writes its audit row (alert_event) in the change's own transaction; the
-- record for the city is written beside it, at commit, from the alert as it is then. Notes and
-- repeats are not lifecycle changes; 'routed' and 'unrouted' belong to the raise in the same
-- transaction.
CREATE FUNCTION caregrid_city_alert_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  act text := split_part(NEW.action, ':', 1);
  n int;
BEGIN
  IF act NOT IN ('raised', 'escalated', 'unanswered', 'notified', 'accepted', 'on_site',
                 'resolved', 'cancelled', 'restored') THEN
    RETURN NULL;
  END IF;
  INSERT INTO city_alert_counter AS c (alert_id, changes) VALUES (NEW.alert_id, 1)
    ON CONFLICT (alert_id) DO UPDATE SET changes = c.changes + 1
    RETURNING changes INTO n;
  INSERT INTO city_record (type, key, unit_station_id, alert_id, change_no, action, at,
      resident_id, kind, severity, state, step, tier, station_id, outcome, raised_at, notified_at,
      accepted_at, on_site_at, closed_at)
    SELECT 'alert_change', 'alert-' || a.id || '-' || n, h.station_id, a.id, n, act, NEW.at,
      a.resident_id, a.kind, a.severity, a.state, a.step,
      (SELECT s.tier FROM alert_route ar JOIN station s ON s.id = ar.station_id
        WHERE ar.alert_id = a.id AND ar.step = a.step ORDER BY ar.routed_at, s.id LIMIT 1),
      a.station_id, a.outcome, a.raised_at, a.notified_at, a.accepted_at, a.on_site_at,
      a.closed_at
    FROM alert a JOIN resident r ON r.id = a.resident_id JOIN home h ON h.id = r.home_id
    WHERE a.id = NEW.alert_id;
  RETURN NULL;
END
$fn$;

CREATE CONSTRAINT TRIGGER alert_event_city_record AFTER INSERT ON alert_event
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION caregrid_city_alert_change();

-- Who pushes: one node at a time holds the lease, renewed while it works.
CREATE TABLE city_push_lease (
  id      boolean PRIMARY KEY DEFAULT true CHECK (id),
  holder  text,
  until   timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO city_push_lease DEFAULT VALUES;

-- The key of the residents' pseudonyms when city.pseudonym-key is not set: made once, here, so
-- that a resident keeps one pseudonym across restarts and nodes. gen_random_uuid draws from the
-- server's strong random source.
CREATE TABLE city_pseudonym_key (
  id      boolean PRIMARY KEY DEFAULT true CHECK (id),
  secret  text NOT NULL
);
INSERT INTO city_pseudonym_key (secret)
  VALUES (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
