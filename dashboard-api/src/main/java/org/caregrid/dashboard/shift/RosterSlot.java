package org.caregrid.dashboard.shift;

import java.time.LocalDate;
import java.util.List;

/** Who works one shift of one day at a station. */
public record RosterSlot(LocalDate day, Shift shift, List<Member> staff) {
  public RosterSlot {
    staff = List.copyOf(staff);
  }
}
