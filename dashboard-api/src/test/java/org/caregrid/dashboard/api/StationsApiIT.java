package org.caregrid.dashboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import org.caregrid.dashboard.testing.ApiContract;
import org.caregrid.dashboard.testing.ContractClient;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/stations} over HTTP as each role; every response held to the OpenAPI document. */
class StationsApiIT {
  private static ApiContract contract;
  private static TestDashboard dashboard;
  private static StaffFixture staff;
  private static int stationA;
  private static int stationB;

  @BeforeAll
  static void start() throws SQLException {
    contract = ApiContract.load();
    dashboard = TestDashboard.start();
    RegistryFixture registry = new RegistryFixture(dashboard.node().dataSource());
    staff = new StaffFixture(dashboard.node().dataSource());
    int street = registry.station("S", "street", 0, 40.62, 109.88, 20);
    stationA = registry.station("A", "community", street, 40.6, 109.9, 5);
    stationB = registry.station("B", "community", street, 40.7, 109.9, 5);
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  private static ContractClient signedIn(StaffFixture.User user) {
    ContractClient client = new ContractClient(dashboard.client(), contract);
    assertThat(client.login(user).status()).isEqualTo(200);
    return client;
  }

  private static JsonObject duty(boolean on) {
    return new JsonObject().put("onDuty", on);
  }

  private static long audited(int station) {
    return Sql.count(
        dashboard.node().dataSource(),
        "SELECT count(*) FROM staff_audit WHERE target = 'station/" + station + "'");
  }

  @Test
  void stationStaffSeeOnlyTheirStationAndMayNotSetDuty() throws SQLException {
    ContractClient nurse = signedIn(staff.stationStaff(stationA));

    assertThat(nurse.get("/stations").jsonArray().size()).isEqualTo(1);
    assertThat(nurse.get("/stations").jsonArray().getJsonObject(0).getInteger("id"))
        .isEqualTo(stationA);
    assertThat(nurse.put("/stations/" + stationA + "/duty", duty(false)).status()).isEqualTo(403);
  }

  @Test
  void aLeadSetsTheirOwnStationsDutyOnly() throws SQLException {
    // given
    ContractClient lead = signedIn(staff.stationLead(stationB));
    long before = audited(stationB);

    // when
    var off = lead.put("/stations/" + stationB + "/duty", duty(false));
    var on = lead.put("/stations/" + stationB + "/duty", duty(true));

    // then
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.json().getBoolean("onDuty")).isFalse();
    assertThat(on.json().getBoolean("onDuty")).isTrue();
    assertThat(audited(stationB)).isEqualTo(before + 2);
    assertThat(lead.put("/stations/" + stationA + "/duty", duty(false)).status()).isEqualTo(404);
    assertThat(lead.put("/stations/" + stationB + "/duty", new JsonObject()).status())
        .isEqualTo(400);
  }

  @Test
  void districtStaffSetAnyStationsDutyAndProgrammeStaffNone() throws SQLException {
    ContractClient district = signedIn(staff.districtAdmin());
    ContractClient programme = signedIn(staff.programmeAdmin());

    assertThat(district.get("/stations").jsonArray().size()).isEqualTo(3);
    assertThat(district.put("/stations/" + stationA + "/duty", duty(true)).status()).isEqualTo(200);
    assertThat(district.put("/stations/9999/duty", duty(true)).status()).isEqualTo(404);
    assertThat(programme.get("/stations").jsonArray().size()).isEqualTo(3);
    assertThat(programme.put("/stations/" + stationA + "/duty", duty(false)).status())
        .isEqualTo(403);
  }
}
