package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertCursorTest {
  @Test
  void roundTripsToTheMicrosecond() {
    AlertCursor cursor =
        new AlertCursor(true, 2, Instant.parse("2026-03-01T08:15:30.123456Z"), 4711);

    assertThat(AlertCursor.decode(cursor.encode())).isEqualTo(cursor);
  }

  @Test
  void refusesTextItDidNotHandOut() {
    assertThatThrownBy(() -> AlertCursor.decode("not a cursor!"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AlertCursor.decode("eC4xLjIuMw"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void belongsToTheOrderItCameFrom() {
    AlertCursor open = new AlertCursor(true, 0, Instant.parse("2026-03-01T08:00:00Z"), 1);

    assertThat(new AlertFilter("raised", List.of(), null, null, null, 10, open).after())
        .isEqualTo(open);
    assertThatThrownBy(() -> new AlertFilter("closed", List.of(), null, null, null, 10, open))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
