package org.caregrid.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.caregrid.core.device.PskCipher;
import org.caregrid.core.device.PskKeyFile;
import org.caregrid.sim.district.DeviceKeys;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictEnrolment;
import org.caregrid.sim.district.DistrictGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Generates a district, describes it, and writes it to a file or into the registry. */
@Command(
    name = "district",
    mixinStandardHelpOptions = true,
    description = {
      "Generate a simulated district (4 streets and 1 town, 28 communities, stations in three"
          + " tiers, homes with residents and devices) and print what it holds.",
      "The same --seed and --homes always give the same district, so `run` with them simulates"
          + " exactly the devices enrolled here."
    })
final class DistrictCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--homes", defaultValue = "60", description = "Homes (default: ${DEFAULT-VALUE})")
  int homes;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Seed: the same seed, the same district (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the district as JSON to FILE")
  Path json;

  @Option(
      names = "--enrol",
      paramLabel = "JDBC_URL",
      description =
          "Enrol the district into the platform's database (migrated already, e.g. by the"
              + " platform's first start), unless it has stations already; e.g."
              + " jdbc:postgresql://127.0.0.1:5432/caregrid?user=caregrid")
  String enrol;

  @Option(
      names = "--keys",
      paramLabel = "FILE",
      defaultValue = "device-keys",
      description =
          "With --enrol: write the CoAP devices' new random DTLS keys here (mode 0600) for `run`"
              + " (default: ${DEFAULT-VALUE})")
  Path keys;

  @Option(
      names = "--psk-key-file",
      paramLabel = "FILE",
      description =
          "With --enrol: the platform's database.psk-key-file, to seal the DTLS keys under")
  Path pskKeyFile;

  @Override
  public Integer call() throws Exception {
    District district = new DistrictGenerator(seed).generate(homes);
    PrintWriter out = spec.commandLine().getOut();
    describe(district, out);
    if (json != null) {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(), district);
      out.println("Written to " + json);
    }
    if (enrol != null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(enrol);
      config.setMaximumPoolSize(1);
      if (pskKeyFile == null) {
        throw new IllegalArgumentException(
            "--enrol needs --psk-key-file: the platform's database.psk-key-file");
      }
      PskCipher cipher = PskKeyFile.load(pskKeyFile);
      try (HikariDataSource db = new HikariDataSource(config)) {
        if (DistrictEnrolment.enrolOnce(db, district)) {
          DeviceKeys fresh = DeviceKeys.random(district);
          DistrictEnrolment.storeKeys(db, fresh, cipher);
          fresh.write(keys);
          out.println("Enrolled into " + db.getJdbcUrl().replaceAll("\\?.*", ""));
          out.println("DTLS keys of the CoAP devices written to " + keys);
        } else {
          out.println("Not enrolled: the registry has stations already");
        }
      }
    }
    out.flush();
    return 0;
  }

  static void describe(District d, PrintWriter out) {
    out.printf(
        "Areas: %d (%d streets, %d town)%n",
        d.areas().size(),
        d.areas().stream().filter(a -> !a.town()).count(),
        d.areas().stream().filter(District.Area::town).count());
    out.printf(
        "Stations: %d district, %d street/town, %d community%n",
        d.stations("district").size(), d.stations("street").size(), d.stations("community").size());
    int n = d.homes().size();
    out.printf("Homes: %d%n", n);
    if (n == 0) {
      return;
    }
    out.printf(
        "Residents: %s living alone, %s with dementia, %s with COPD%n",
        share(d, r -> r.livesAlone()), share(d, r -> r.dementia()), share(d, r -> r.copd()));
    Map<String, Integer> kinds = new TreeMap<>();
    Map<String, Integer> encodings = new TreeMap<>();
    d.homes()
        .forEach(
            h ->
                h.devices()
                    .forEach(
                        dev -> {
                          kinds.merge(dev.kind().code(), 1, Integer::sum);
                          encodings.merge(dev.encoding().name().toLowerCase(), 1, Integer::sum);
                        }));
    out.printf("Devices: %s%n", kinds);
    out.printf("Encodings: %s%n", encodings);
  }

  private static String share(District d, java.util.function.Predicate<District.Resident> p) {
    long k = d.homes().stream().filter(h -> p.test(h.resident())).count();
    return String.format(java.util.Locale.ROOT, "%d (%.0f %%)", k, 100.0 * k / d.homes().size());
  }
}
