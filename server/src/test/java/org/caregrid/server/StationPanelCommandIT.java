package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.MosquittoPasswordHash;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code caregrid station-panel}: the password is printed once, only its hash is kept. */
class StationPanelCommandIT {
  @TempDir Path dir;
  private HikariDataSource db;
  private Path config;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "it-check");
    Migrations.migrate(db, database.storage());
    new RegistryFixture(db).station("S0C1", "community", 0, 40.6, 109.9, 5);
    config = dir.resolve("caregrid.yaml");
    Files.writeString(
        config,
        """
        database:
          url: "%s"
          user: "%s"
          password: "%s"
        """
            .formatted(database.url(), database.user(), database.password()));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void printsANewPasswordOnceAndKeepsOnlyItsHash() {
    // when
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = run(out, "--station", "S0C1");

    // then
    assertThat(exit).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed).contains("user: station.S0C1");
    String password = printed.replaceAll("(?s).*password: (\\S+).*", "$1");
    String hash = Sql.text(db, "SELECT panel_credential_hash FROM station WHERE code = 'S0C1'");
    assertThat(hash).doesNotContain(password);
    assertThat(MosquittoPasswordHash.verify(password, hash)).isTrue();
  }

  @Test
  void refusesAStationThatDoesNotExist() {
    int exit = run(new ByteArrayOutputStream(), "--station", "S9C9");

    assertThat(exit).isEqualTo(2);
    assertThat(
            Sql.count(db, "SELECT count(*) FROM station WHERE panel_credential_hash IS NOT NULL"))
        .isZero();
  }

  private int run(ByteArrayOutputStream out, String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "station-panel";
    all[1] = "--config";
    all[2] = config.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return new CommandLine(new Main()).execute(all);
    } finally {
      System.setOut(original);
    }
  }
}
