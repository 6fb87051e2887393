package org.caregrid.dashboard.tier;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Instant;
import org.caregrid.dashboard.testing.AlertSeeds;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tier queue's drill-down into one community, in a real database. */
class QueueQueriesIT {
  private Vertx vertx;
  private TestNode node;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    node = TestNode.start(vertx, TestServices.freshDatabase());
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
    node.close();
  }

  @Test
  void anAlertNobodyAnsweredAfterItsLastStepHeadsItsCommunitysList() throws SQLException {
    RegistryFixture registry = new RegistryFixture(node.dataSource());
    AlertSeeds seeds = new AlertSeeds(node.dataSource());
    int district = registry.station("D", "district", 0, 40.65, 109.85, 20);
    int street = registry.station("S", "street", district, 40.62, 109.88, 10);
    int community = registry.station("C", "community", street, 40.6, 109.9, 5);
    Instant now = Instant.now();
    long older =
        seeds.alert(
            registry.resident("A", 40.601, 109.9),
            "fall",
            "critical",
            "notified",
            now.minusSeconds(600));
    seeds.route(older, community, 0, now.minusSeconds(600));
    long unanswered =
        seeds.alert(
            registry.resident("B", 40.602, 109.9),
            "inactivity",
            "high",
            "notified",
            now.minusSeconds(60));
    seeds.route(unanswered, community, 0, now.minusSeconds(60));
    Sql.execute(
        node.dataSource(), "UPDATE alert SET unanswered_since = now() WHERE id = " + unanswered);

    assertThat(new QueueQueries(node.dataSource()).inCommunity(community))
        .extracting(QueueQueries.OpenAlert::id)
        .containsExactly(unanswered, older);
  }
}
