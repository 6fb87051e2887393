package org.caregrid.alerting.lifecycle;

import java.util.List;
import org.caregrid.core.alert.AlertChange;

/**
 * A command carried out.
 *
 * @param pendants on accept, the device ids of the resident's SOS pendants to tell that help is
 *     coming; otherwise empty
 * @param stationName the station now responsible for the alert, or empty when there is none
 */
public record Applied(AlertChange alert, List<String> pendants, String stationName) {
  public Applied {
    pendants = List.copyOf(pendants);
  }
}
