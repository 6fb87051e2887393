package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceCredentials;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.MosquittoPasswordHash;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.api.RegistryJson;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.store.DeviceStore;
import org.caregrid.dashboard.store.NewDevice;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fleet and device enrolment, on a real database. */
class DeviceQueriesIT {
  private static final Set<String> REGISTRY_TABLES =
      Set.of("device", "device_status", "resident", "home", "station");

  private HikariDataSource db;
  private RegistryFixture registry;
  private DeviceQueries devices;
  private DeviceStore store;
  private Principal admin;
  private int wang;
  private int wangHome;
  private int li;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "device-queries-it");
    Migrations.migrate(db, database.storage());
    registry = new RegistryFixture(db);
    devices = new DeviceQueries(db);
    store = new DeviceStore(db, devices, TestNode.PSKS);
    admin = new RegistryRows(db).staff("prog", StaffRole.PROGRAMME_ADMIN, null);
    wang = registry.resident("Wang Fang");
    wangHome = (int) Sql.count(db, "SELECT home_id FROM resident WHERE id = " + wang);
    li = registry.resident("Li Na");
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void theFleetFiltersByStatusKindAndLowBattery() throws Exception {
    Device bed = registry.device("bed-1", DeviceKind.CARE_BED, wang);
    Device pendant = registry.device("pendant-1", DeviceKind.SOS_PENDANT, wang);
    Device door = registry.device("door-1", DeviceKind.DOOR_SENSOR, li);
    registry.device("door-2", DeviceKind.DOOR_SENSOR, li);
    status(bed, true, 90);
    status(pendant, true, 14.5);
    status(door, false, 10);

    assertThat(uids(devices.page(null, null, false, 100, 0)))
        .containsExactly("bed-1", "pendant-1", "door-1", "door-2");
    assertThat(uids(devices.page(true, null, false, 100, 0))).containsExactly("bed-1", "pendant-1");
    // never seen counts as offline
    assertThat(uids(devices.page(false, null, false, 100, 0))).containsExactly("door-1", "door-2");
    assertThat(uids(devices.page(null, "door_sensor", false, 100, 0)))
        .containsExactly("door-1", "door-2");
    assertThat(uids(devices.page(null, null, true, 100, 0))).containsExactly("pendant-1", "door-1");
    assertThat(uids(devices.page(false, "door_sensor", true, 100, 0))).containsExactly("door-1");
    JsonObject page =
        RegistryJson.page(devices.page(null, null, false, 2, 1), RegistryJson::device);
    assertThat(uids(page)).containsExactly("pendant-1", "door-1");
    assertThat(page.getLong("total")).isEqualTo(4);
  }

  @Test
  void aDeviceShowsItsStatusAndRegistryFields() throws Exception {
    Device bed = registry.device("bed-1", DeviceKind.CARE_BED, wang);
    status(bed, true, 55);

    JsonObject shown = devices.one(bed.key()).map(RegistryJson::device).orElseThrow();

    assertThat(shown.getString("uid")).isEqualTo("bed-1");
    assertThat(shown.getString("kind")).isEqualTo("care_bed");
    assertThat(shown.getInteger("homeId")).isEqualTo(wangHome);
    assertThat(shown.getInteger("residentId")).isEqualTo(wang);
    assertThat(shown.getInteger("expectedIntervalS")).isEqualTo(10);
    assertThat(shown.getBoolean("active")).isTrue();
    assertThat(shown.getBoolean("online")).isTrue();
    assertThat(shown.getDouble("battery")).isEqualTo(55.0);
    assertThat(shown.getString("lastSeen")).isEqualTo("2025-12-01T08:00:00Z");
    assertThat(shown.getString("enrolledAt")).isNotBlank();
    assertThat(devices.one(999_999)).isEmpty();
    assertThat(devices.residentOf(bed.key())).contains(wang);
  }

  @Test
  void enrolmentStoresTheHashAndKeyAndAuditsWithoutEitherSecret() throws Exception {
    DeviceCredentials credentials = DeviceCredentials.issue(new DeviceId("bed-9"));
    byte[] psk = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

    DeviceStore.Enrolment result =
        store.enrol(
            admin,
            new NewDevice(new DeviceId("bed-9"), DeviceKind.CARE_BED, wangHome, wang, 30),
            credentials.hash(),
            psk);

    assertThat(result).isInstanceOf(DeviceStore.Enrolment.Done.class);
    JsonObject device = RegistryJson.device(((DeviceStore.Enrolment.Done) result).device());
    assertThat(device.getString("uid")).isEqualTo("bed-9");
    assertThat(device.getInteger("expectedIntervalS")).isEqualTo(30);
    assertThat(device.getBoolean("online")).isFalse();
    String stored = Sql.text(db, "SELECT credential_hash FROM device WHERE uid = 'bed-9'");
    assertThat(MosquittoPasswordHash.verify(credentials.secret(), stored)).isTrue();
    // the row holds the key sealed, never in clear, and it opens under the configured key
    assertThat(Sql.count(db, "SELECT count(*) FROM device WHERE uid = 'bed-9' AND psk IS NULL"))
        .isOne();
    String sealed =
        Sql.text(db, "SELECT encode(psk_sealed, 'hex') FROM device WHERE uid = 'bed-9'");
    assertThat(sealed).doesNotContain("00112233445566778899aabbccddeeff");
    assertThat(TestNode.PSKS.open(new DeviceId("bed-9"), HexFormat.of().parseHex(sealed)))
        .isEqualTo(psk);
    String audit =
        Sql.text(db, "SELECT action || ' ' || target || ' ' || detail::text FROM staff_audit");
    assertThat(audit).startsWith("device.enrol device/" + device.getInteger("id"));
    assertThat(audit)
        .contains("bed-9")
        .doesNotContain(credentials.secret())
        .doesNotContain(credentials.hash())
        .doesNotContain("00112233");
  }

  @Test
  void aTakenUidOrAResidentOfAnotherHomeEnrolsNothing() throws Exception {
    registry.device("bed-1", DeviceKind.CARE_BED, wang);

    DeviceStore.Enrolment taken =
        store.enrol(
            admin,
            new NewDevice(new DeviceId("bed-1"), DeviceKind.CARE_BED, wangHome, wang, 30),
            "h",
            new byte[16]);
    DeviceStore.Enrolment elsewhere =
        store.enrol(
            admin,
            new NewDevice(new DeviceId("bed-2"), DeviceKind.CARE_BED, wangHome, li, 30),
            "h",
            new byte[16]);

    assertThat(taken).isInstanceOf(DeviceStore.Enrolment.UidTaken.class);
    assertThat(elsewhere).isInstanceOf(DeviceStore.Enrolment.NoResidentThere.class);
    assertThat(Sql.count(db, "SELECT count(*) FROM device")).isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM staff_audit")).isZero();
  }

  /**
   * A district's fleet is 100,000 devices: a page, the low-battery filter and their counts read the
   * level ingest keeps in device_status, and look up no device's readings.
   */
  @Test
  void theFleetAndItsLowBatteryFilterNeverSearchTheReadings() throws Exception {
    for (int i = 0; i < 20; i++) {
      Device bed = registry.device("bed-" + i, DeviceKind.CARE_BED, wang);
      Sql.execute(
          db,
          "INSERT INTO reading (time, device_id, metric, value) VALUES (now(), "
              + bed.key()
              + ", "
              + Metric.BATTERY.dbCode()
              + ", 10)");
      status(bed, true, i < 5 ? 10 : 80);
    }
    Sql.execute(db, "ANALYZE");

    assertThat(readingLookups(DeviceQueries.PAGE, null, null, null, null, 3, 10)).isZero();
    assertThat(readingLookups(DeviceQueries.PAGE_LOW, null, null, null, null, 3, 0)).isZero();
    assertThat(readingLookups(DeviceQueries.COUNT, null, null, null, null)).isZero();
    assertThat(readingLookups(DeviceQueries.COUNT_LOW, null, null, null, null)).isZero();
    assertThat(devices.page(null, null, true, 100, 0).total()).isEqualTo(5);
  }

  /** The most times any scan of the readings (or of one of their chunks) ran in the plan. */
  private long readingLookups(String sql, Object... params) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, FORMAT JSON) " + sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(
            i + 1, params[i], i < 2 ? Types.BOOLEAN : i < 4 ? Types.VARCHAR : Types.INTEGER);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return lookups(new JsonArray(rs.getString(1)).getJsonObject(0).getJsonObject("Plan"));
      }
    }
  }

  private static long lookups(JsonObject node) {
    String relation = node.getString("Relation Name");
    long here =
        relation != null && !REGISTRY_TABLES.contains(relation) ? node.getLong("Actual Loops") : 0;
    JsonArray plans = node.getJsonArray("Plans", new JsonArray());
    for (int i = 0; i < plans.size(); i++) {
      here = Math.max(here, lookups(plans.getJsonObject(i)));
    }
    return here;
  }

  private void status(Device d, boolean online, double battery) throws Exception {
    Sql.execute(
        db,
        "INSERT INTO device_status (device_id, online, last_seen, battery) VALUES ("
            + d.key()
            + ", "
            + online
            + ", '2025-12-01T08:00:00Z', "
            + battery
            + ")");
  }

  private static List<String> uids(Page<DeviceView> page) {
    return uids(RegistryJson.page(page, RegistryJson::device));
  }

  private static List<String> uids(JsonObject page) {
    return page.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("uid")).toList();
  }
}
