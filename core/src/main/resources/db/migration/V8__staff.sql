-- Staff users of the console and API, and the audit trail of everything they change (DESIGN §5).

CREATE TABLE staff_user (
  id            serial PRIMARY KEY,
  login         text NOT NULL UNIQUE,
  display_name  text NOT NULL,
  -- bcrypt; the password itself is never stored
  password_hash text NOT NULL,
  role          text NOT NULL
                CHECK (role IN ('station_staff', 'station_lead', 'district_admin', 'programme_admin')),
  -- Station staff and leads belong to one station; district and programme staff to none.
  station_id    int REFERENCES station (id),
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((role IN ('station_staff', 'station_lead')) = (station_id IS NOT NULL))
);

-- Every write made through the API, with who made it; append-only like alert_event.
CREATE TABLE staff_audit (
  id        bigserial PRIMARY KEY,
  at        timestamptz NOT NULL DEFAULT now(),
  user_id   int REFERENCES staff_user (id),
  login     text NOT NULL,
  action    text NOT NULL,
  target    text NOT NULL,
  detail    jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX staff_audit_at ON staff_audit (at DESC);

CREATE TRIGGER staff_audit_append_only BEFORE UPDATE OR DELETE ON staff_audit
  FOR EACH ROW EXECUTE FUNCTION caregrid_refuse_change();
