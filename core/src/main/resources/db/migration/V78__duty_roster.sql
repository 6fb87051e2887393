-- A station's duty roster (issue 15): who works which shift on which day. The shifts and their
-- hours are fixed in the application (day 08:00-20:00, night 20:00-08:00 the next morning); a
-- night shift belongs to the day it starts on.
CREATE TABLE duty_shift (
  station_id int  NOT NULL REFERENCES station (id),
  day        date NOT NULL,
  shift      text NOT NULL CHECK (shift IN ('day', 'night')),
  staff_id   int  NOT NULL REFERENCES staff_user (id),
  PRIMARY KEY (station_id, day, shift, staff_id)
);
