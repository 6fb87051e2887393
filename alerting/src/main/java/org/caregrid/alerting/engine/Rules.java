package org.caregrid.alerting.engine;

import java.time.Clock;
import java.util.List;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.activity.InactivityRule;
import org.caregrid.alerting.rule.bed.BedExitRule;
import org.caregrid.alerting.rule.bed.BedTimesRule;
import org.caregrid.alerting.rule.device.BatteryLowRule;
import org.caregrid.alerting.rule.device.DeviceOfflineRule;
import org.caregrid.alerting.rule.event.EmergencyEventRule;
import org.caregrid.alerting.rule.event.FallRule;
import org.caregrid.alerting.rule.news2.News2Rule;
import org.caregrid.alerting.rule.vital.VitalLimitRule;

/** The rule set. */
public final class Rules {
  private Rules() {}

  /** One fresh instance of every rule, for one thread; time comes from {@code clock}. */
  public static List<Rule> create(RuleConfig config, Clock clock) {
    return List.of(
        new EmergencyEventRule(),
        new FallRule(config.fall()),
        new BedExitRule(clock),
        new BedTimesRule(config.bed(), clock),
        new InactivityRule(clock),
        new VitalLimitRule(config.vitalLimit()),
        new News2Rule(config.news2(), clock),
        new DeviceOfflineRule(config.deviceOffline(), clock),
        new BatteryLowRule(config.batteryLow()));
  }
}
