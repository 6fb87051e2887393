package org.caregrid.alerting.alert;

import java.util.List;

/**
 * Who answers an accepted alert.
 *
 * @param stationName the station now responsible for the alert, or empty when there is none
 * @param pendants the device ids of the resident's SOS pendants, to tell that help is coming
 */
public record Responder(String stationName, List<String> pendants) {
  public Responder {
    pendants = List.copyOf(pendants);
  }
}
