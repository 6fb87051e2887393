package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.dashboard.auth.Passwords;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.auth.StaffUsers;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code caregrid user add} against a real database, the password on standard input. */
class UserCommandIT {
  @TempDir Path dir;
  private HikariDataSource db;
  private Path config;
  private int station;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "it-check");
    Migrations.migrate(db, database.storage());
    station = new RegistryFixture(db).station("S0C1", "community", 0, 40.6, 109.9, 5);
    config = dir.resolve("caregrid.yaml");
    Files.writeString(
        config,
        """
        database:
          url: "%s"
          user: "%s"
          password: "%s"
        auth:
          bcrypt-cost: 4
        """
            .formatted(database.url(), database.user(), database.password()));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private int userAdd(String stdin, String... args) {
    UserCommand.Add add =
        new UserCommand.Add(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    String[] all = new String[args.length + 2];
    all[0] = "--config";
    all[1] = config.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    return new CommandLine(add).execute(all);
  }

  @Test
  void addsAStationLeadWithThePasswordFromStandardInput() throws Exception {
    int exit =
        userAdd(
            "long enough pass\n",
            "--login",
            "Li.Wei",
            "--name",
            "Li Wei",
            "--role",
            "station_lead",
            "--station",
            "S0C1");

    assertThat(exit).isZero();
    StaffUsers.Stored stored = new StaffUsers(db, new Passwords(4)).find("li.wei").orElseThrow();
    assertThat(stored.user().principal().role()).isEqualTo(StaffRole.STATION_LEAD);
    assertThat(stored.user().principal().stationId()).isEqualTo(station);
    assertThat(stored.user().principal().displayName()).isEqualTo("Li Wei");
    assertThat(stored.passwordHash()).startsWith("$2a$04$").doesNotContain("long enough pass");
    assertThat(new Passwords(4).matches("long enough pass", stored.passwordHash())).isTrue();
  }

  @Test
  void refusesWhatCannotBeRightAndAddsNothing() {
    assertThat(
            userAdd(
                "long enough pass\n", "--login", "a1", "--name", "A", "--role", "station_staff"))
        .as("a station role without a station")
        .isEqualTo(2);
    assertThat(
            userAdd(
                "long enough pass\n",
                "--login",
                "a2",
                "--name",
                "A",
                "--role",
                "station_staff",
                "--station",
                "NOPE"))
        .as("an unknown station")
        .isEqualTo(2);
    assertThat(userAdd("short\n", "--login", "a3", "--name", "A", "--role", "district_admin"))
        .as("a short password")
        .isEqualTo(2);
    assertThat(userAdd("", "--login", "a4", "--name", "A", "--role", "district_admin"))
        .as("no password")
        .isEqualTo(2);
    assertThat(userAdd("long enough pass\n", "--login", "a5", "--name", "A", "--role", "boss"))
        .as("an unknown role")
        .isEqualTo(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM staff_user")).isZero();

    assertThat(
            userAdd(
                "long enough pass\n", "--login", "a6", "--name", "A", "--role", "district_admin"))
        .isZero();
    assertThat(
            userAdd(
                "other long pass\n", "--login", "A6", "--name", "B", "--role", "programme_admin"))
        .as("a taken login")
        .isEqualTo(2);
    assertThat(Sql.count(db, "SELECT count(*) FROM staff_user")).isEqualTo(1);
  }
}
