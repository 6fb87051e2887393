-- The note one shift leaves the next (交接班, issue 15): the open work summarised by the platform
-- when it is written, the writer's free text, and who of the incoming shift acknowledged it.
CREATE TABLE shift_handover (
  id              bigserial PRIMARY KEY,
  station_id      int         NOT NULL REFERENCES station (id),
  written_at      timestamptz NOT NULL DEFAULT now(),
  written_by      int         NOT NULL REFERENCES staff_user (id),
  -- one array per section, e.g. {"openAlerts": [...]}, as it stood when the note was written
  summary         jsonb       NOT NULL,
  note            text        NOT NULL,
  acknowledged_at timestamptz,
  acknowledged_by int         REFERENCES staff_user (id),
  CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE INDEX shift_handover_station ON shift_handover (station_id, written_at DESC);
