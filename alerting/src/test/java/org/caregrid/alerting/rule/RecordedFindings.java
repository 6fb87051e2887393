package org.caregrid.alerting.rule;

import java.util.ArrayList;
import java.util.List;
import org.caregrid.core.alert.AlertKind;

/** Keeps what rules report, for assertions. */
public final class RecordedFindings implements Findings {
  public record Note(AlertKind kind, int residentKey, long at, String note) {}

  public final List<AlertCandidate> raised = new ArrayList<>();
  public final List<Note> notes = new ArrayList<>();
  public final List<Note> restored = new ArrayList<>();

  @Override
  public void raise(AlertCandidate candidate) {
    raised.add(candidate);
  }

  @Override
  public void restore(AlertKind kind, int residentKey, long at, String note) {
    restored.add(new Note(kind, residentKey, at, note));
  }

  @Override
  public void note(AlertKind kind, int residentKey, long at, String note) {
    notes.add(new Note(kind, residentKey, at, note));
  }

  public AlertCandidate last() {
    return raised.get(raised.size() - 1);
  }

  public void clear() {
    raised.clear();
    notes.clear();
    restored.clear();
  }
}
