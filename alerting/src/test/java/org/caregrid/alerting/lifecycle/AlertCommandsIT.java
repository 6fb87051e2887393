package org.caregrid.alerting.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import org.caregrid.alerting.alert.JdbcAlertStore;
import org.caregrid.alerting.routing.HelpRequestBuilder;
import org.caregrid.alerting.routing.JdbcRouteStore;
import org.caregrid.alerting.routing.Router;
import org.caregrid.alerting.routing.RoutingConfig;
import org.caregrid.alerting.routing.Tier;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.core.alert.AlertCommand;
import org.caregrid.core.alert.AlertCommand.Action;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Outcome;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staff commands through the lifecycle, with station scoping and the audit trail. */
class AlertCommandsIT {
  private static final Instant T0 = Instant.parse("2026-11-30T02:10:00Z");

  private HikariDataSource db;
  private AlertCommands commands;
  private int near;
  private int other;
  private long alertId;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig config = TestServices.freshDatabase();
    db = DataSources.create(config, "it");
    Migrations.migrate(db, config.storage());
    RegistryFixture registry = new RegistryFixture(db);
    near = registry.station("near", "community", 0, 40.601, 109.9, 5);
    other = registry.station("other", "community", 0, 41.5, 110.9, 5);
    Device pendant =
        registry.device("pendant-a", DeviceKind.SOS_PENDANT, registry.resident("Zhao Min"));
    registry.device("bed-a", DeviceKind.CARE_BED, pendant.residentKey());
    JdbcAlertStore store =
        new JdbcAlertStore(
            db,
            new JdbcRouteStore(
                db, new Router(Tier.DISTRICT), new HelpRequestBuilder(RoutingConfig.defaults())));
    alertId =
        store
            .raise(
                new AlertCandidate(
                    AlertKind.SOS,
                    Severity.CRITICAL,
                    pendant.residentKey(),
                    pendant.key(),
                    1L,
                    "SOS pressed",
                    Finding.of("event", "event", "sos")),
                T0)
            .alert()
            .alertId();
    commands = new AlertCommands(db);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private AlertCommand command(Action action, int station) {
    return new AlertCommand(action, alertId, "li.wei", station, null, null);
  }

  @Test
  void staffWalkAnAlertFromAcceptToResolvedAndEveryStepIsAudited() throws Exception {
    Applied accepted = commands.apply(command(Action.ACCEPT, near), T0.plusSeconds(20));
    Applied onSite = commands.apply(command(Action.ON_SITE, near), T0.plusSeconds(400));
    commands.apply(
        new AlertCommand(Action.NOTE, alertId, "li.wei", near, null, "resident sitting up"),
        T0.plusSeconds(500));
    Applied resolved =
        commands.apply(
            new AlertCommand(
                Action.RESOLVE, alertId, "li.wei", near, Outcome.ASSISTED, "helped up"),
            T0.plusSeconds(600));

    assertThat(accepted.alert().state()).isEqualTo(AlertState.ACCEPTED);
    assertThat(accepted.pendants()).containsExactly("pendant-a");
    assertThat(accepted.stationName()).isEqualTo("Station near");
    assertThat(onSite.alert().state()).isEqualTo(AlertState.ON_SITE);
    assertThat(onSite.pendants()).isEmpty();
    assertThat(resolved.alert().state()).isEqualTo(AlertState.RESOLVED);
    assertThat(Sql.text(db, "SELECT outcome FROM alert")).isEqualTo("assisted");
    assertThat(Sql.text(db, "SELECT accept_deadline::text FROM alert")).isNull();
    assertThat(
            Sql.text(
                db,
                "SELECT string_agg(actor || ':' || action, ',' ORDER BY id) FROM alert_event"
                    + " WHERE actor <> 'system'"))
        .isEqualTo("li.wei:accepted,li.wei:on_site,li.wei:note,li.wei:resolved:assisted");
    assertThat(Sql.count(db, "SELECT extract(epoch FROM on_site_at - accepted_at)::int FROM alert"))
        .isEqualTo(380);
  }

  @Test
  void staffOfAnotherStationCannotSeeOrActOnTheAlert() {
    assertThatThrownBy(() -> commands.apply(command(Action.ACCEPT, other), T0))
        .isInstanceOfSatisfying(CommandRefused.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(Sql.text(db, "SELECT state FROM alert")).isEqualTo("raised");
    assertThat(Sql.count(db, "SELECT count(*) FROM alert_event WHERE actor = 'li.wei'")).isZero();
  }

  @Test
  void programmeStaffMayActOnAnyAlert() throws Exception {
    assertThat(commands.apply(command(Action.ACCEPT, 0), T0).alert().state())
        .isEqualTo(AlertState.ACCEPTED);
    assertThat(Sql.count(db, "SELECT station_id FROM alert")).isEqualTo((long) near);
  }

  @Test
  void aCommandOutOfOrderIsRefusedWithAConflict() throws Exception {
    assertThatThrownBy(() -> commands.apply(command(Action.ON_SITE, near), T0))
        .isInstanceOfSatisfying(
            CommandRefused.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.getMessage()).contains("raised").contains("on_site");
            });
    commands.apply(command(Action.CANCEL, near), T0);
    assertThatThrownBy(() -> commands.apply(command(Action.ACCEPT, near), T0))
        .isInstanceOfSatisfying(CommandRefused.class, e -> assertThat(e.status()).isEqualTo(409));
  }

  @Test
  void anUnknownAlertIsNotFound() {
    assertThatThrownBy(
            () ->
                commands.apply(
                    new AlertCommand(Action.ACCEPT, alertId + 1000, "li.wei", 0, null, null), T0))
        .isInstanceOfSatisfying(CommandRefused.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
