package org.caregrid.alerting;

import org.caregrid.alerting.rule.RuleConfig;

/**
 * The {@code alerting:} section.
 *
 * @param rules the rules' platform defaults
 */
public record AlertingConfig(RuleConfig rules) {

  public static AlertingConfig defaults() {
    return new AlertingConfig(RuleConfig.defaults());
  }
}
