-- The tiers a report rolls up (community -> street -> district) follow where a resident lives: each
-- home belongs to its community's station. A home enrolled without one gets the nearest community
-- station (on a plane: good enough within a district). Written so that it is a no-op where a
-- migration before it already gave homes their station the same way.
ALTER TABLE home ADD COLUMN IF NOT EXISTS station_id int REFERENCES station (id);
CREATE INDEX IF NOT EXISTS home_station ON home (station_id);

CREATE OR REPLACE FUNCTION caregrid_nearest_community_station(home_lat double precision, home_lon double precision)
  RETURNS int LANGUAGE sql STABLE AS $fn$
  SELECT s.id FROM station s WHERE s.tier = 'community'
  ORDER BY (s.lat - home_lat) ^ 2 + ((s.lon - home_lon) * cos(radians(home_lat))) ^ 2, s.id
  LIMIT 1
$fn$;

UPDATE home SET station_id = caregrid_nearest_community_station(lat, lon) WHERE station_id IS NULL;

CREATE OR REPLACE FUNCTION caregrid_home_station() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF NEW.station_id IS NULL THEN
    NEW.station_id := caregrid_nearest_community_station(NEW.lat, NEW.lon);
  END IF;
  RETURN NEW;
END
$fn$;

CREATE OR REPLACE TRIGGER home_station BEFORE INSERT ON home
  FOR EACH ROW EXECUTE FUNCTION caregrid_home_station();

-- A station's own yearly target of new family care beds; without one, a unit takes its share of
-- the tier above (README, "Tier views").
ALTER TABLE station ADD COLUMN beds_target int CHECK (beds_target >= 0);
