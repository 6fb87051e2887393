package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.dashboard.shift.HandoverSection;
import org.caregrid.dashboard.shift.JdbcHandovers;
import org.caregrid.dashboard.shift.JdbcRoster;

/** A station's shifts: its staff, duty roster and handover notes. */
public final class ShiftApis {
  private final RosterApi roster;
  private final HandoversApi handovers;

  /**
   * @param sections what a handover note lists by itself, in order
   */
  public ShiftApis(
      DataSource dataSource, WorkerExecutor db, Clock clock, List<HandoverSection> sections) {
    roster = new RosterApi(new JdbcRoster(dataSource), db, clock);
    handovers = new HandoversApi(new JdbcHandovers(dataSource, sections), db);
  }

  public void mount(Router api) {
    roster.mount(api);
    handovers.mount(api);
  }
}
