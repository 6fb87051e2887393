package org.caregrid.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.caregrid.core.alert.AlertCommand.Action;
import org.junit.jupiter.api.Test;

class AlertStateTest {

  private static Set<AlertState> allowing(Action action) {
    Set<AlertState> from = EnumSet.noneOf(AlertState.class);
    for (AlertState s : AlertState.values()) {
      if (s.allows(action)) {
        from.add(s);
      }
    }
    return from;
  }

  @Test
  void eachActionStartsOnlyFromTheStatesOfTheLifecycle() {
    assertThat(allowing(Action.ACCEPT)).containsExactly(AlertState.RAISED, AlertState.NOTIFIED);
    assertThat(allowing(Action.ON_SITE)).containsExactly(AlertState.ACCEPTED);
    assertThat(allowing(Action.RESOLVE)).containsExactly(AlertState.ACCEPTED, AlertState.ON_SITE);
    assertThat(allowing(Action.CANCEL))
        .containsExactly(AlertState.RAISED, AlertState.NOTIFIED, AlertState.ACCEPTED);
    assertThat(allowing(Action.NOTE)).containsExactly(AlertState.values());
  }

  @Test
  void closedAlertsTakeNothingButNotes() {
    for (AlertState closed : EnumSet.of(AlertState.RESOLVED, AlertState.CANCELLED)) {
      assertThat(closed.isOpen()).isFalse();
      for (Action a : Action.values()) {
        assertThat(closed.allows(a)).as("%s %s", closed, a).isEqualTo(a == Action.NOTE);
      }
    }
  }
}
