package org.caregrid.alerting.engine;

import org.caregrid.alerting.alert.Alerts;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.core.alert.AlertKind;

/**
 * Hands what a shard's rules find to {@link Alerts}. While stored events are replayed after a
 * restart, raises go through the replay check and nothing is closed or noted: old events must not
 * close alerts whose causes are current.
 */
final class ShardFindings implements Findings {
  private final Alerts alerts;
  private boolean replaying;

  ShardFindings(Alerts alerts) {
    this.alerts = alerts;
  }

  void replaying(boolean on) {
    replaying = on;
  }

  @Override
  public void raise(AlertCandidate candidate) {
    if (replaying) {
      alerts.raiseReplayed(candidate);
    } else {
      alerts.raise(candidate);
    }
  }

  @Override
  public void restore(AlertKind kind, int residentKey, long at, String note) {
    if (!replaying) {
      alerts.restore(kind, residentKey, note);
    }
  }

  @Override
  public void note(AlertKind kind, int residentKey, long at, String note) {
    if (!replaying) {
      alerts.note(kind, residentKey, note);
    }
  }
}
