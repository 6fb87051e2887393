package org.caregrid.dashboard.testing;

import io.vertx.core.Vertx;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.web.Route;
import java.util.List;
import java.util.function.BiFunction;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.config.HttpConfig;
import org.caregrid.dashboard.DashboardRole;
import org.caregrid.dashboard.auth.AuthConfig;
import org.caregrid.dashboard.city.CityConfig;
import org.caregrid.dashboard.web.HttpExtension;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;

/**
 * The dashboard tier on a fresh migrated database, listening on a free port of 127.0.0.1: what an
 * API test needs besides its rows.
 *
 * <pre>{@code
 * dashboard = TestDashboard.start();
 * StaffFixture staff = new StaffFixture(dashboard.node().dataSource());
 * ApiClient client = dashboard.client();
 * ...
 * dashboard.close();
 * }</pre>
 */
public final class TestDashboard implements AutoCloseable {
  /** The defaults, with quick hashes for users created through the API. */
  public static final AuthConfig AUTH = AuthConfig.defaults().withBcryptCost(4);

  private final Vertx vertx;
  private final TestNode node;
  private final DashboardRole role;
  private final DatabaseConfig database;
  private final AuthConfig auth;

  private TestDashboard(
      Vertx vertx, TestNode node, DashboardRole role, DatabaseConfig database, AuthConfig auth) {
    this.vertx = vertx;
    this.node = node;
    this.role = role;
    this.database = database;
    this.auth = auth;
  }

  public static TestDashboard start() {
    return start(AUTH);
  }

  public static TestDashboard start(AuthConfig auth) {
    return start(TestServices.freshDatabase(), auth);
  }

  private static TestDashboard start(DatabaseConfig database, AuthConfig auth) {
    return start(database, auth, CityConfig.defaults());
  }

  /** The dashboard with its link to the city platform set up as {@code city} says. */
  public static TestDashboard start(CityConfig city) {
    return start(TestServices.freshDatabase(), AUTH, city);
  }

  /** The dashboard serving {@code extension} too, made from its node and role (FHIR). */
  public static TestDashboard start(BiFunction<TestNode, DashboardRole, HttpExtension> extension) {
    return start(TestServices.freshDatabase(), AUTH, CityConfig.defaults(), extension);
  }

  private static TestDashboard start(DatabaseConfig database, AuthConfig auth, CityConfig city) {
    return start(database, auth, city, null);
  }

  private static TestDashboard start(
      DatabaseConfig database,
      AuthConfig auth,
      CityConfig city,
      BiFunction<TestNode, DashboardRole, HttpExtension> extension) {
    Vertx vertx = Vertx.vertx();
    TestNode node = TestNode.start(vertx, database);
    DashboardRole role =
        new DashboardRole(
            node.node(),
            new HttpConfig("127.0.0.1", 0, ""),
            auth,
            city,
            HealthChecks.create(vertx),
            () -> "");
    if (extension != null) {
      role.extend(extension.apply(node, role));
    }
    role.start().await();
    return new TestDashboard(vertx, node, role, database, auth);
  }

  /**
   * The dashboard on a node the test set up itself (e.g. beside alerting); {@link #close} closes
   * them too.
   */
  public static TestDashboard on(Vertx vertx, TestNode node, AuthConfig auth) {
    return on(vertx, node, null, auth);
  }

  private static TestDashboard on(
      Vertx vertx, TestNode node, DatabaseConfig database, AuthConfig auth) {
    DashboardRole role =
        new DashboardRole(
            node.node(),
            new HttpConfig("127.0.0.1", 0, ""),
            auth,
            HealthChecks.create(vertx),
            () -> "");
    role.start().await();
    return new TestDashboard(vertx, node, role, database, auth);
  }

  public TestNode node() {
    return node;
  }

  public Vertx vertx() {
    return vertx;
  }

  public int port() {
    return role.port();
  }

  /** The routes under {@code /api/v1}, for the contract test. */
  public List<Route> apiRoutes() {
    return role.apiRoutes();
  }

  /** A new client, not signed in. */
  public ApiClient client() {
    return new ApiClient(port());
  }

  /**
   * Stops this server and starts another on the same database, as a restart would: what the first
   * kept in memory is gone, what it stored is not.
   */
  public TestDashboard restarted() {
    if (database == null) {
      throw new IllegalStateException("started on the test's own node: restart that instead");
    }
    close();
    return start(database, auth);
  }

  @Override
  public void close() {
    role.stop().await();
    vertx.close().await();
    node.close();
  }
}
