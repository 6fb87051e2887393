package org.caregrid.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class HelpRequestJsonTest {

  @Test
  void writesTheWireContractOfTheReadme() {
    JsonObject json = HelpRequestJson.toJson(HelpRequests.fallAt("cs-7", 42));

    assertThat(json)
        .isEqualTo(
            new JsonObject(
                """
                {"alert_id": 42, "kind": "fall", "severity": "critical", "state": "notified",
                 "detail": "fall detected in the bathroom",
                 "raised_at": "2025-12-01T02:10:05.123Z", "accept_by": "2025-12-01T02:11:05.123Z",
                 "step": 0, "advise_emergency_call": false,
                 "station": {"code": "cs-7", "name": "Qingshan community station", "tier": "community"},
                 "resident": {"id": 17, "name": "Wang Fang"},
                 "home": {"address": "12 Gangtie Road, flat 301", "community": "Qingshan",
                          "lat": 40.6571, "lon": 109.8402}}
                """));
  }
}
