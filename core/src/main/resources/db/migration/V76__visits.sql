-- Visits (探访, README "Visits"): a needs assessment per resident, one visit plan for each resident
-- living alone, empty-nest or left-behind, and the visits recorded against the plan. How often a
-- plan falls due comes from the configuration (visits.every), by risk level.
CREATE TABLE needs_assessment (
  resident_id int PRIMARY KEY REFERENCES resident (id),
  category    text NOT NULL
              CHECK (category IN ('living_alone', 'empty_nest', 'left_behind', 'other')),
  risk_level  text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
  assessed_at timestamptz NOT NULL DEFAULT now(),
  -- null only for the assessments this migration carries over from resident.lives_alone
  assessed_by int REFERENCES staff_user (id)
);

-- The station is the home's community station when the plan is made, kept so that moving the
-- home's station later does not move visits already due.
CREATE TABLE visit_plan (
  resident_id int PRIMARY KEY REFERENCES needs_assessment (resident_id),
  station_id  int NOT NULL REFERENCES station (id),
  next_due    date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_plan_station ON visit_plan (station_id, next_due);

-- One row per visit done. due_on is the plan's due day the visit answered (brought forward when
-- the resident showed no activity); on_time says whether it came within the grace days after it.
CREATE TABLE visit (
  id          bigserial PRIMARY KEY,
  resident_id int NOT NULL REFERENCES resident (id),
  station_id  int NOT NULL REFERENCES station (id),
  visited_on  date NOT NULL,
  due_on      date NOT NULL,
  on_time     boolean NOT NULL,
  visitor     text NOT NULL,
  type        text NOT NULL CHECK (type IN ('home_visit', 'phone_call')),
  -- {"health": "ok" | "concern", "safety": ..., "home": ..., "needs": ...}
  findings    jsonb NOT NULL,
  follow_up   text NOT NULL DEFAULT '',
  recorded_by int NOT NULL REFERENCES staff_user (id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_due ON visit (due_on);
CREATE INDEX visit_resident ON visit (resident_id, visited_on DESC);

-- The lives_alone flag was the only assessment there was: carry it over, with a higher risk level
-- where the care flags say so, and give each a plan due today (nobody has recorded a visit yet).
INSERT INTO needs_assessment (resident_id, category, risk_level)
SELECT id, 'living_alone', CASE WHEN dementia OR copd_scale2 THEN 'high' ELSE 'medium' END
FROM resident WHERE lives_alone;

INSERT INTO visit_plan (resident_id, station_id, next_due)
SELECT r.id, h.station_id, (now() AT TIME ZONE h.time_zone)::date
FROM needs_assessment a JOIN resident r ON r.id = a.resident_id JOIN home h ON h.id = r.home_id
WHERE h.station_id IS NOT NULL;
