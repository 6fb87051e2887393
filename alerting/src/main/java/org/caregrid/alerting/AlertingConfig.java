package org.caregrid.alerting;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.caregrid.alerting.engine.EngineConfig;
import org.caregrid.alerting.notify.NotifyConfig;
import org.caregrid.alerting.routing.RoutingConfig;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code alerting:} section.
 *
 * @param rules the rules' platform defaults (a resident's care plan overrides them)
 * @param engine how rules are evaluated
 * @param routing how long stations have to accept, by severity
 * @param notifications the channels help requests go out on
 * @param databaseWorkers threads for alerting's own JDBC, apart from ingest's writer
 */
public record AlertingConfig(
    RuleConfig rules,
    EngineConfig engine,
    RoutingConfig routing,
    // A component named notify would clash with Object.notify(); the YAML key stays notify.
    @JsonProperty("notify") NotifyConfig notifications,
    int databaseWorkers) {

  public AlertingConfig {
    if (databaseWorkers < 1) {
      throw new ConfigException(
          "alerting.database-workers must be at least 1, got: " + databaseWorkers);
    }
  }

  public static AlertingConfig defaults() {
    return new AlertingConfig(
        RuleConfig.defaults(),
        EngineConfig.defaults(),
        RoutingConfig.defaults(),
        NotifyConfig.defaults(),
        2);
  }
}
