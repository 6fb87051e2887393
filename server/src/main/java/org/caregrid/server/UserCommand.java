package org.caregrid.server;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.caregrid.core.config.ConfigException;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.dashboard.auth.ApiTokens;
import org.caregrid.dashboard.auth.Passwords;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.auth.StaffUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code caregrid user add}: console users, from the command line. */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Console users (README: Console users and roles).",
    subcommands = {UserCommand.Add.class, UserCommand.Token.class})
final class UserCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "say what to do: user add, user token");
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a console user. The password is read from standard input (asked twice on a"
            + " terminal), never from the command line, where other users and the shell history"
            + " would see it.",
        "Example: echo \"$PW\" | caregrid user add --login li.wei --name 'Li Wei'"
            + " --role station_lead --station S1C1"
      })
  static final class Add extends Main.Common implements Callable<Integer> {
    @Option(names = "--login", required = true, description = "Sign-in name (lower-cased)")
    String login;

    @Option(names = "--name", required = true, description = "Name shown in the console")
    String name;

    @Option(
        names = "--role",
        required = true,
        description =
            "station_staff, station_lead, district_admin, programme_admin, kiosk (the big"
                + " screen), city_platform or family_doctor")
    String role;

    @Option(
        names = "--station",
        description =
            "The station's code: required for station_staff and station_lead; for a kiosk or"
                + " city_platform account, limits it to that station and the units below")
    String station;

    @Option(names = "--clinic", description = "family_doctor only: the doctor's clinic")
    String clinic;

    @Option(names = "--phone", description = "family_doctor only: the doctor's phone")
    String phone;

    private final InputStream in;

    Add() {
      this(System.in);
    }

    /**
     * @param in where the password comes from when there is no terminal
     */
    Add(InputStream in) {
      this.in = in;
    }

    @Override
    public Integer call() {
      try {
        Settings s = settings();
        StaffRole r = StaffRole.fromCode(role);
        String password = readPassword();
        Passwords.checkAcceptable(password);
        try (HikariDataSource db = DataSources.create(s.database(), "user-add")) {
          Migrations.migrate(db, s.database().storage());
          StaffUsers users = new StaffUsers(db, new Passwords(s.auth().bcryptCost()));
          if (r == StaffRole.FAMILY_DOCTOR) {
            int doctor = users.createDoctor(login, name, clinic, phone, password);
            System.out.println(
                "added family doctor " + doctor + ": " + login.strip() + " (family_doctor)");
            return 0;
          }
          Integer stationId = station == null ? null : stationOf(users, station);
          int id = users.create(new StaffUsers.NewUser(login, name, r, stationId), password);
          System.out.println("added user " + id + ": " + login.strip() + " (" + r.code() + ")");
          return 0;
        }
      } catch (SQLException e) {
        return failed(
            "23505".equals(e.getSQLState()) ? "login '" + login + "' is taken" : e.getMessage());
      } catch (IOException e) {
        return failed("cannot read the password: " + e.getMessage());
      } catch (ConfigException
          | IllegalArgumentException
          | IllegalStateException
          | HikariPool.PoolInitializationException e) {
        return failed(e.getMessage());
      }
    }

    private static int stationOf(StaffUsers users, String code) throws SQLException {
      return users
          .stationId(code)
          .orElseThrow(() -> new IllegalArgumentException("no station has the code " + code));
    }

    private String readPassword() throws IOException {
      Console console = System.console();
      if (console != null && in == System.in) {
        char[] first = console.readPassword("Password for %s: ", login);
        char[] again = console.readPassword("Again: ");
        if (first == null || !Arrays.equals(first, again)) {
          throw new IllegalArgumentException("the two passwords differ");
        }
        return new String(first);
      }
      String line =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("no password on standard input");
      }
      return line;
    }

    /** One line, for scripts; the driver's messages can run to several. */
    private static int failed(String message) {
      System.err.println(
          "caregrid: user add: " + String.valueOf(message).lines().findFirst().orElse(""));
      return 2;
    }
  }

  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description = {
        "Issue a bearer token for a city_platform or family_doctor account, which its system"
            + " sends as 'Authorization: Bearer <token>' to read /api/v1/tier/... or /fhir/r4."
            + " The token is printed once; only its SHA-256 is kept.",
        "Example: caregrid user token --login city --label 'city platform' --days 365"
      })
  static final class Token extends Main.Common implements Callable<Integer> {
    @Option(names = "--login", required = true, description = "The account")
    String login;

    @Option(names = "--label", required = true, description = "Whose system holds it")
    String label;

    @Option(names = "--days", description = "Expires after this many days (default: never)")
    Integer days;

    @Override
    public Integer call() {
      try {
        Settings s = settings();
        try (HikariDataSource db = DataSources.create(s.database(), "user-token")) {
          Migrations.migrate(db, s.database().storage());
          java.time.Instant expires =
              days == null ? null : java.time.Instant.now().plus(java.time.Duration.ofDays(days));
          System.out.println(new ApiTokens(db).issue(login, label, expires));
          return 0;
        }
      } catch (SQLException
          | ConfigException
          | IllegalArgumentException
          | HikariPool.PoolInitializationException e) {
        System.err.println(
            "caregrid: user token: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        return 2;
      }
    }
  }
}
