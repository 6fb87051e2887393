package org.caregrid.server.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.device.DeviceCredentials;
import org.caregrid.core.device.DeviceId;
import org.caregrid.embedded.BrokerAccess;
import org.caregrid.ingest.broker.BrokerAccount;
import org.caregrid.ingest.broker.BrokerAccounts;
import org.caregrid.ingest.broker.StationPanels;
import org.caregrid.sim.district.District;

/**
 * The embedded broker's logins, new at every start: a password for the platform, one for each
 * simulated MQTT device and one for the first community station's panel. Their hashes go where
 * production keeps them (the registry), the secrets only to the platform, the simulator and the
 * console's hint, in memory: nothing on disk lets anyone log in after the demo stops.
 */
final class DemoBroker {
  private static final String DEFAULT_PLATFORM_USER = "caregrid";

  private DemoBroker() {}

  /**
   * The logins and what the broker enforces.
   *
   * @param devices each MQTT device's password by id, for the simulator
   */
  record Logins(
      BrokerAccess access,
      DeviceCredentials platform,
      Map<String, String> devices,
      Optional<String> panelStation,
      String panelPassword) {
    MqttConfig platform(String brokerUrl) {
      return new MqttConfig(brokerUrl, platform.device().value(), platform.secret());
    }

    /** How to watch a station's help requests as its panel does. */
    String panelHint(int brokerPort) {
      return panelStation
          .map(
              code ->
                  "Station panel of "
                      + code
                      + ": mosquitto_sub -h 127.0.0.1 -p "
                      + brokerPort
                      + " -V 5 -u "
                      + BrokerAccount.panelUser(code)
                      + " -P "
                      + panelPassword
                      + " -t care/stations/"
                      + code
                      + "/alerts")
          .orElse("");
    }

    @Override
    public String toString() {
      return "Logins[devices=" + devices.size() + ", secrets=***]";
    }
  }

  /**
   * Issues the passwords, stores their hashes and reads every account back as {@code caregrid
   * broker-auth} would export it.
   *
   * @param platformUser {@code mqtt.username}; the demo's default when empty
   */
  static Logins logins(DataSource registry, District district, String platformUser)
      throws SQLException {
    DeviceCredentials platform =
        DeviceCredentials.issue(
            new DeviceId(platformUser.isEmpty() ? DEFAULT_PLATFORM_USER : platformUser));
    Map<String, String> devices = issueDevices(registry, district);
    Optional<String> station =
        district.stations().stream()
            .filter(s -> s.tier().equals("community"))
            .map(District.Station::code)
            .findFirst();
    String panelPassword = "";
    if (station.isPresent()) {
      panelPassword = new StationPanels(registry).issue(station.get());
    }
    BrokerAccounts.Found accounts =
        new BrokerAccounts(registry)
            .load(BrokerAccount.platform(platform.device().value(), platform.hash()));
    return new Logins(
        new DemoBrokerAccess(accounts.accounts()), platform, devices, station, panelPassword);
  }

  private static Map<String, String> issueDevices(DataSource registry, District district)
      throws SQLException {
    Map<String, String> secrets = new HashMap<>();
    try (Connection c = registry.getConnection();
        PreparedStatement update =
            c.prepareStatement("UPDATE device SET credential_hash = ? WHERE uid = ?")) {
      c.setAutoCommit(false);
      for (District.Home home : district.homes()) {
        for (District.DeviceSpec device : home.devices()) {
          if (device.encoding().coap()) {
            continue; // CoAP devices prove themselves with their DTLS key, not a broker password
          }
          DeviceCredentials credentials = DeviceCredentials.issue(new DeviceId(device.uid()));
          update.setString(1, credentials.hash());
          update.setString(2, device.uid());
          update.addBatch();
          secrets.put(device.uid(), credentials.secret());
        }
      }
      update.executeBatch();
      c.commit();
    }
    return Map.copyOf(secrets);
  }
}
