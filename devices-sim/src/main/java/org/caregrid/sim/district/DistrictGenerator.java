package org.caregrid.sim.district;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a district like the one the programme serves (DESIGN §7): a district centre, four
 * street centres and one town centre, and community stations under them, around 40.6° N, 109.9° E;
 * homes within a few kilometres of their community station, each with a care bed. The same seed
 * gives the same district.
 */
public final class DistrictGenerator {
  private static final double CENTRE_LAT = 40.6;
  private static final double CENTRE_LON = 109.9;
  private static final String[] AREAS = {"Donghe", "Kundulun", "Qingshan", "Jiuyuan", "Shiguai"};
  private static final String[] SURNAMES = {
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma",
    "Zhu", "Hu", "Guo"
  };
  private static final String[] GIVEN = {
    "Fang",
    "Min",
    "Jing",
    "Lei",
    "Yan",
    "Hua",
    "Jun",
    "Ying",
    "Guiying",
    "Xiuying",
    "Guilan",
    "Shulan",
    "Jianguo",
    "Guoqiang",
    "Zhiqiang",
    "Baoshan"
  };

  private final long seed;

  public DistrictGenerator(long seed) {
    this.seed = seed;
  }

  /**
   * Generates the district.
   *
   * @param communitiesPerArea community stations under each street or town centre
   * @param homes homes spread evenly over the communities
   */
  public District generate(int communitiesPerArea, int homes) {
    Random random = new Random(seed);
    List<District.Station> stations = new ArrayList<>();
    stations.add(
        new District.Station(
            "D0", "District care centre", "district", null, CENTRE_LAT, CENTRE_LON, 20));
    List<District.Station> communities = new ArrayList<>();
    for (int a = 0; a < AREAS.length; a++) {
      double angle = 2 * Math.PI * a / AREAS.length;
      double lat = CENTRE_LAT + 0.05 * Math.sin(angle);
      double lon = CENTRE_LON + 0.07 * Math.cos(angle);
      String tier = "street";
      String code = "S" + a;
      stations.add(new District.Station(code, AREAS[a] + " centre", tier, "D0", lat, lon, 10));
      for (int c = 0; c < communitiesPerArea; c++) {
        District.Station community =
            new District.Station(
                code + "C" + c,
                AREAS[a] + " community " + (c + 1),
                "community",
                code,
                lat + jitter(random, 0.02),
                lon + jitter(random, 0.03),
                3 + random.nextInt(4));
        stations.add(community);
        communities.add(community);
      }
    }
    List<District.Home> homeList = new ArrayList<>();
    for (int h = 0; h < homes; h++) {
      District.Station community = communities.get(h % communities.size());
      String resident =
          SURNAMES[random.nextInt(SURNAMES.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
      String n = String.format(Locale.ROOT, "%05d", h);
      homeList.add(
          new District.Home(
              "No. "
                  + (1 + random.nextInt(200))
                  + ", building "
                  + (1 + random.nextInt(30))
                  + ", "
                  + community.name(),
              community.name(),
              community.lat() + jitter(random, 0.01),
              community.lon() + jitter(random, 0.015),
              resident,
              1930 + random.nextInt(25),
              random.nextDouble() < 0.3,
              List.of(new District.DeviceSpec("bed-" + n, "care_bed", 10))));
    }
    return new District(stations, homeList);
  }

  private static double jitter(Random random, double span) {
    return (random.nextDouble() * 2 - 1) * span;
  }
}
