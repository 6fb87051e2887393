package org.caregrid.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A listener on a real PostgreSQL channel: what it hands on, and when it catches up. */
class ChannelListenerIT {
  private static final String CHANNEL = "caregrid_test";
  private static final String CATCH_UP = "(catch-up)";

  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final ChannelListener.Subscriber subscriber =
      new ChannelListener.Subscriber() {
        @Override
        public void catchUp() {
          heard.add(CATCH_UP);
        }

        @Override
        public void changed(String payload) {
          heard.add(payload);
        }
      };
  private DatabaseConfig database;
  private HikariDataSource db;
  private ChannelListener listener;

  @BeforeEach
  void setUp() {
    database = TestServices.freshDatabase();
    db = DataSources.create(database, "it");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (listener != null) {
      listener.close();
    }
    TestServices.setReachable(database, true);
    db.close();
  }

  @Test
  void catchesUpOnceListeningAndThenHandsOnEachNotificationInOrder() throws Exception {
    listener = new ChannelListener(db, CHANNEL, subscriber, Duration.ofMillis(100));
    listener.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains(CATCH_UP));

    notify("device-1");
    notify("device-2");

    await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() == 3);
    assertThat(heard).containsExactly(CATCH_UP, "device-1", "device-2");
  }

  @Test
  void listensAgainAfterLosingItsConnectionAndCatchesUpFirst() throws Exception {
    listener = new ChannelListener(db, CHANNEL, subscriber, Duration.ofMillis(100));
    listener.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains(CATCH_UP));

    // the database goes away and comes back: what changed meanwhile was never notified
    TestServices.setReachable(database, false);
    TestServices.setReachable(database, true);
    await("a second catch-up")
        .atMost(Duration.ofSeconds(15))
        .until(() -> heard.stream().filter(CATCH_UP::equals).count() == 2);
    notify("device-3");

    await().atMost(Duration.ofSeconds(10)).until(() -> heard.contains("device-3"));
    assertThat(heard).containsExactly(CATCH_UP, CATCH_UP, "device-3");
  }

  @Test
  void catchesUpEveryPeriodWhenAskedTo() {
    listener =
        new ChannelListener(db, CHANNEL, subscriber, Duration.ofMillis(100))
            .catchingUpEvery(Duration.ofMillis(300));
    listener.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> heard.size() >= 3);
    assertThat(heard).containsOnly(CATCH_UP);
  }

  @Test
  void refusesAChannelNameThatIsNotAPlainIdentifier() {
    assertThatThrownBy(
            () -> new ChannelListener(db, "x; DROP TABLE device", subscriber, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private void notify(String payload) {
    Sql.text(db, "SELECT pg_notify('" + CHANNEL + "', '" + payload + "')::text");
  }
}
