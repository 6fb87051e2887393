package org.caregrid.server;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.caregrid.core.config.ConfigException;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.ingest.broker.BrokerAccount;
import org.caregrid.ingest.broker.StationPanels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code caregrid station-panel}: the broker password of a station's panels and apps. */
@Command(
    name = "station-panel",
    mixinStandardHelpOptions = true,
    description = {
      "Issue a new broker password for a station's panels and apps, which log in as"
          + " station.<code> and may only read care/stations/<code>/alerts. The password is"
          + " printed once; only its hash is kept. It replaces the previous one at the next"
          + " `caregrid broker-auth` export.",
      "Example: caregrid station-panel --station S1C1"
    })
final class StationPanelCommand extends Main.Common implements Callable<Integer> {
  @Option(names = "--station", required = true, description = "The station's code")
  String station;

  @Override
  public Integer call() {
    try {
      Settings s = settings();
      try (HikariDataSource db = DataSources.create(s.database(), "station-panel")) {
        Migrations.migrate(db, s.database().storage());
        String password = new StationPanels(db).issue(station);
        System.out.println("user: " + BrokerAccount.panelUser(station));
        System.out.println("password: " + password);
        return 0;
      }
    } catch (SQLException
        | ConfigException
        | IllegalArgumentException
        | HikariPool.PoolInitializationException e) {
      System.err.println(
          "caregrid: station-panel: "
              + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return 2;
    }
  }
}
