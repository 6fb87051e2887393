package org.caregrid.sim.district;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.sim.district.District.Area;
import org.caregrid.sim.district.District.DeviceSpec;
import org.caregrid.sim.district.District.Home;
import org.caregrid.sim.district.District.Resident;
import org.caregrid.sim.district.District.Station;

/**
 * Generates a district like the one the programme serves (DESIGN §7, issue 6): four streets and one
 * town under a district centre around 40.6° N, 109.9° E, 28 communities each with its community
 * station, and homes within about a kilometre of their station (its 5-15 minute service circle),
 * each with a resident and the programme's devices. The same seed gives an equal district.
 */
public final class DistrictGenerator {
  /** Communities of the district. */
  public static final int COMMUNITIES = 28;

  private static final double CENTRE_LAT = 40.6;
  private static final double CENTRE_LON = 109.9;
  private static final int OLDEST_BAND = 85;
  private static final int CURRENT_YEAR = 2026;

  /**
   * Four streets near the centre and one town further out; 6+6+6+6+4 = 28 communities. Names are
   * Chinese, as the district's are: the console, the big screen and help requests show them.
   */
  private static final List<AreaPlan> AREAS =
      List.of(
          new AreaPlan("S1", "钢铁大街街道", false, 0.03, 0.02, 6),
          new AreaPlan("S2", "友谊大街街道", false, -0.02, 0.04, 6),
          new AreaPlan("S3", "青年路街道", false, -0.035, -0.03, 6),
          new AreaPlan("S4", "民族东路街道", false, 0.025, -0.045, 6),
          new AreaPlan("T1", "兴胜镇", true, 0.12, 0.16, 4));

  private static final String DISTRICT_CENTRE = "昆都仑区居家养老服务中心";
  private static final String[] COMMUNITY_NAMES = {
    "青山", "钢铁", "友谊", "幸福", "和平", "民主", "建设", "团结", "文化", "阳光", "金桥", "富强", "长青", "花园",
    "北苑", "南苑", "东方", "西苑", "红星", "朝阳", "兰园", "桃园", "新华", "中山", "滨河", "安乐", "康乐", "曙光"
  };
  private static final String[] SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"
  };
  private static final String[] GIVEN = {
    "芳", "敏", "静", "磊", "燕", "华", "军", "英", "桂英", "秀英", "桂兰", "淑兰", "建国", "国强", "志强", "宝山"
  };

  private record AreaPlan(
      String code, String name, boolean town, double dLat, double dLon, int communities) {}

  private final long seed;

  public DistrictGenerator(long seed) {
    this.seed = seed;
  }

  /** The district with {@code homes} homes, spread over its communities in turn. */
  public District generate(int homes) {
    if (homes < 0) {
      throw new IllegalArgumentException("homes must not be negative");
    }
    Random random = new Random(seed);
    List<Area> areas = new ArrayList<>();
    List<Station> stations = new ArrayList<>();
    stations.add(
        new Station("D0", DISTRICT_CENTRE, "district", null, null, CENTRE_LAT, CENTRE_LON, 20));
    List<Station> communities = new ArrayList<>();
    int name = 0;
    for (AreaPlan a : AREAS) {
      areas.add(new Area(a.code(), a.name(), a.town()));
      double lat = CENTRE_LAT + a.dLat();
      double lon = CENTRE_LON + a.dLon();
      stations.add(new Station(a.code(), a.name() + "养老服务中心", "street", "D0", null, lat, lon, 10));
      for (int c = 1; c <= a.communities(); c++) {
        String community = COMMUNITY_NAMES[name++] + (a.town() ? "村" : "社区");
        Station station =
            new Station(
                a.code() + "C" + c,
                community + "养老服务站",
                "community",
                a.code(),
                community,
                lat + jitter(random, 0.015),
                lon + jitter(random, 0.02),
                3 + random.nextInt(4));
        stations.add(station);
        communities.add(station);
      }
    }
    List<Home> homeList = new ArrayList<>();
    for (int h = 0; h < homes; h++) {
      homeList.add(home(h, communities.get(h % communities.size()), random));
    }
    return new District(areas, stations, homeList);
  }

  private static Home home(int index, Station community, Random random) {
    String n = String.format(Locale.ROOT, "%05d", index);
    int age = Population.age(random);
    boolean livesAlone = random.nextDouble() < Population.LIVES_ALONE;
    boolean dementia = random.nextDouble() < Population.DEMENTIA;
    boolean copd = random.nextDouble() < Population.COPD;
    Resident resident =
        new Resident(
            SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)],
            CURRENT_YEAR - age,
            livesAlone,
            dementia,
            copd,
            random.nextLong());
    List<DeviceSpec> devices = new ArrayList<>();
    // The programme's set for every family care bed (issue 6).
    devices.add(device("bed-" + n, DeviceKind.CARE_BED, random));
    devices.add(device("vit-" + n, DeviceKind.VITALS_MONITOR, random));
    devices.add(device("sos-" + n, DeviceKind.SOS_PENDANT, random));
    if (age >= OLDEST_BAND
        || dementia
        || random.nextDouble() < Population.FALL_DETECTOR_OTHERWISE) {
      devices.add(device("fall-" + n, DeviceKind.FALL_DETECTOR, random));
    }
    // Deployments for solitary elders fit door and activity sensors (research/domain.md §1.8).
    if (livesAlone || dementia || random.nextDouble() < Population.DOOR_AND_MOTION_OTHERWISE) {
      devices.add(device("door-" + n, DeviceKind.DOOR_SENSOR, random));
      devices.add(device("pir-" + n, DeviceKind.MOTION_SENSOR, random));
    }
    if (random.nextDouble() < Population.SMOKE_SENSOR) {
      devices.add(device("smoke-" + n, DeviceKind.SMOKE_SENSOR, random));
    }
    int room = 1 + random.nextInt(200);
    int building = 1 + random.nextInt(30);
    String address = community.community() + building + "号楼" + room + "室";
    return new Home(
        address,
        community.community(),
        community.parentCode(),
        community.lat() + jitter(random, 0.008),
        community.lon() + jitter(random, 0.01),
        resident,
        devices);
  }

  private static DeviceSpec device(String uid, DeviceKind kind, Random random) {
    District.Encoding encoding = Population.encoding(kind, random);
    return new DeviceSpec(uid, kind, encoding, Population.interval(kind));
  }

  private static double jitter(Random random, double span) {
    return (random.nextDouble() * 2 - 1) * span;
  }
}
