-- Who to call and what to tell 120 (issue 15): the resident's own phone, their emergency contacts
-- in call order, a medical summary with the door access for a handover, and every call attempt
-- staff make on an alert.

ALTER TABLE resident ADD COLUMN phone text NOT NULL DEFAULT '';

CREATE TABLE resident_contact (
  resident_id   int NOT NULL REFERENCES resident (id),
  call_order    int NOT NULL CHECK (call_order >= 1),
  name          text NOT NULL,
  relationship  text NOT NULL,
  phone         text NOT NULL,
  holds_key     boolean NOT NULL DEFAULT false,
  PRIMARY KEY (resident_id, call_order)
);

-- One row per resident who has one. The key safe code is read only by DoorCodes, which writes an
-- audit row each time; every other read leaves it out.
CREATE TABLE medical_summary (
  resident_id         int PRIMARY KEY REFERENCES resident (id),
  conditions          text NOT NULL DEFAULT '',
  medicines           text NOT NULL DEFAULT '',
  allergies           text NOT NULL DEFAULT '',
  mobility            text NOT NULL DEFAULT '',
  preferred_hospital  text NOT NULL DEFAULT '',
  key_holders         text NOT NULL DEFAULT '',
  key_safe_code       text,
  updated_at          timestamptz NOT NULL DEFAULT now()
);

-- Append-only like alert_event: a call log that can be edited afterwards proves nothing.
CREATE TABLE call_attempt (
  id        bigserial PRIMARY KEY,
  alert_id  bigint NOT NULL REFERENCES alert (id),
  at        timestamptz NOT NULL DEFAULT now(),
  user_id   int REFERENCES staff_user (id),
  login     text NOT NULL,
  callee    text NOT NULL CHECK (callee IN ('resident', 'contact', 'doctor', 'other')),
  phone     text NOT NULL,
  outcome   text NOT NULL CHECK (outcome IN ('answered', 'no_answer', 'busy', 'wrong_number')),
  note      text
);
CREATE INDEX call_attempt_alert ON call_attempt (alert_id, at);

CREATE TRIGGER call_attempt_append_only BEFORE UPDATE OR DELETE ON call_attempt
  FOR EACH ROW EXECUTE FUNCTION caregrid_refuse_change();
