package org.caregrid.server;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.Callable;
import org.caregrid.core.config.ConfigException;
import org.caregrid.core.config.ConfigTree;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.device.PskCipher;
import org.caregrid.core.device.PskKeyFile;
import org.caregrid.ingest.broker.BrokerAuthExport;
import org.caregrid.ingest.registry.PskSealing;
import org.caregrid.server.demo.Demo;
import org.caregrid.server.demo.DemoStopped;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command line: {@code run} a node against real services, the self-contained {@code demo},
 * {@code broker-auth} to export the broker's accounts and rules, {@code station-panel} for a
 * station panel's broker password, {@code seal-psks} to seal the DTLS keys older rows keep in
 * clear, or {@code user add} for a console user.
 */
@Command(
    name = "caregrid",
    mixinStandardHelpOptions = true,
    description = "CareGrid: home care telemetry, alerts and the care-station console.",
    subcommands = {
      Main.Run.class,
      Main.DemoCommand.class,
      Main.BrokerAuthCommand.class,
      Main.SealPsksCommand.class,
      StationPanelCommand.class,
      UserCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    System.exit(new CommandLine(new Main()).execute(args));
  }

  abstract static class Common {
    @Option(
        names = {"-c", "--config"},
        defaultValue = "caregrid.yaml",
        description =
            "YAML configuration; CAREGRID_* variables override it (default: ${DEFAULT-VALUE})")
    Path config;

    Settings settings() {
      return Settings.bind(ConfigTree.load(config, System.getenv()));
    }
  }

  /** Runs until SIGINT or SIGTERM, then stops what it started, in reverse order. */
  static int runUntilStopped(AutoCloseable running) {
    return new StopOnSignal(running).await();
  }

  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = "Run a node against the configured database and broker.")
  static final class Run extends Common implements Callable<Integer> {
    @Option(
        names = "--roles",
        description = "Comma-separated: ingest, alerting, dashboard (default: node.roles)")
    String roles;

    @Override
    public Integer call() {
      try {
        Settings s = settings();
        Set<Role> chosen = Role.parse(roles != null ? roles : String.join(",", s.node().roles()));
        Launcher launcher = Launcher.start(s, chosen);
        return runUntilStopped(launcher);
      } catch (ConfigException | IllegalStateException | IllegalArgumentException e) {
        System.err.println("caregrid: " + e.getMessage());
        return 2;
      }
    }
  }

  @Command(
      name = "broker-auth",
      mixinStandardHelpOptions = true,
      description =
          "Export the broker's accounts and rules (Mosquitto's dynamic-security file) from the"
              + " registry (deploy/mosquitto/README.md).")
  static final class BrokerAuthCommand extends Common implements Callable<Integer> {
    @Option(
        names = "--out",
        required = true,
        description = "Directory for dynamic-security.json (replaced atomically, mode 0600)")
    Path out;

    @Override
    public Integer call() {
      try {
        Settings s = settings();
        BrokerAuthExport.Result result;
        try (HikariDataSource registry = DataSources.create(s.database(), "broker-auth")) {
          result =
              new BrokerAuthExport(registry, s.mqtt().username(), s.mqtt().password()).writeTo(out);
        }
        System.out.println(result.file().toAbsolutePath());
        System.out.println("devices exported: " + result.devices());
        System.out.println("station panels exported: " + result.stationPanels());
        result.skipped().forEach(reason -> System.err.println("caregrid: left out " + reason));
        return 0;
      } catch (IOException e) {
        return failed("cannot write to " + out + ": " + e);
      } catch (ConfigException
          | IllegalArgumentException
          | IllegalStateException
          | HikariPool.PoolInitializationException
          | SQLException e) {
        return failed(e.getMessage());
      }
    }

    /** One line, for scripts; the driver's messages can run to several. */
    private static int failed(String message) {
      System.err.println(
          "caregrid: broker-auth: " + String.valueOf(message).lines().findFirst().orElse(""));
      return 2;
    }
  }

  @Command(
      name = "seal-psks",
      mixinStandardHelpOptions = true,
      description =
          "Seal the DTLS keys that older registry rows keep in clear under database.psk-key-file"
              + " (docs/decisions/0014). Safe to run again.")
  static final class SealPsksCommand extends Common implements Callable<Integer> {
    @Override
    public Integer call() {
      try {
        Settings s = settings();
        PskCipher cipher = PskKeyFile.cipher(s.database().pskKeyFile());
        try (HikariDataSource registry = DataSources.create(s.database(), "seal-psks")) {
          System.out.println("keys sealed: " + PskSealing.sealPlaintext(registry, cipher));
        }
        return 0;
      } catch (ConfigException
          | IllegalStateException
          | HikariPool.PoolInitializationException
          | SQLException e) {
        System.err.println(
            "caregrid: seal-psks: "
                + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        return 2;
      }
    }
  }

  @Command(
      name = "demo",
      mixinStandardHelpOptions = true,
      description =
          "Everything on this machine: embedded database and broker, a simulated district.")
  static final class DemoCommand extends Common implements Callable<Integer> {
    @Option(
        names = "--data-dir",
        description = "Where the demo keeps its data (default: demo.data-dir)")
    String dataDir;

    @Option(names = "--http-port", description = "Console port (default: http.port)")
    Integer httpPort;

    @Option(
        names = "--broker-port",
        description = "Embedded broker port (default: demo.broker-port)")
    Integer brokerPort;

    @Option(
        names = "--database-port",
        description = "Embedded PostgreSQL port (default: demo.database-port)")
    Integer databasePort;

    @Option(names = "--homes", description = "Simulated homes (default: demo.homes)")
    Integer homes;

    @Override
    public Integer call() throws Exception {
      Settings s;
      try {
        s = withOptions(settings());
      } catch (ConfigException e) {
        System.err.println("caregrid: " + e.getMessage());
        return 2;
      }
      Demo demo = new Demo();
      // Before anything starts: a signal during start-up must stop what started so far.
      StopOnSignal stop = new StopOnSignal(demo);
      try {
        String url = demo.start(s);
        System.out.println();
        System.out.println("  CareGrid demo is up. Console: " + url);
        System.out.println("  " + demo.signInHint());
        System.out.println(
            "  Press Ctrl-C to stop; data stays in "
                + Path.of(s.demo().dataDir()).toAbsolutePath()
                + ", the full log in "
                + demo.logFile());
        System.out.println();
        return stop.await();
      } catch (DemoStopped e) {
        return stop.await();
      } catch (IllegalStateException e) {
        if (!stop.cancel()) {
          return stop.await(); // stopping on a signal made the start fail; not an error
        }
        demo.close();
        System.err.println("caregrid: " + e.getMessage());
        return 2;
      }
    }

    private Settings withOptions(Settings s) {
      var d = s.demo();
      var demo =
          new org.caregrid.server.demo.DemoConfig(
              dataDir != null ? dataDir : d.dataDir(),
              brokerPort != null ? brokerPort : d.brokerPort(),
              databasePort != null ? databasePort : d.databasePort(),
              homes != null ? homes : d.homes(),
              d.seed(),
              d.firstEpisodeAfter(),
              d.episodeEvery());
      var http =
          httpPort != null
              ? new org.caregrid.core.config.HttpConfig(
                  s.http().host(), httpPort, s.http().metricsToken())
              : s.http();
      return new Settings(
          s.node(),
          s.database(),
          s.mqtt(),
          http,
          s.auth(),
          s.city(),
          s.ingest(),
          s.alerting(),
          s.visits(),
          demo,
          s.cluster());
    }
  }
}
