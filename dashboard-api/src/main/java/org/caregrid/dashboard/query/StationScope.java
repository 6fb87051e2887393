package org.caregrid.dashboard.query;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose view a query answers for: every station's (district and programme staff) or one station's
 * (its staff see only alerts routed to it, and only residents with such an alert).
 */
public final class StationScope {
  /** Every station: nothing is filtered. */
  public static final StationScope ALL = new StationScope(null);

  private final Integer stationId;

  private StationScope(Integer stationId) {
    this.stationId = stationId;
  }

  /** One station's view. */
  public static StationScope station(int stationId) {
    return new StationScope(stationId);
  }

  public boolean isAll() {
    return stationId == null;
  }

  /** The station whose view this is; empty for every station. */
  public Optional<Integer> stationId() {
    return Optional.ofNullable(stationId);
  }

  /** The station as a query parameter: SQL NULL for every station. */
  Integer parameter() {
    return stationId;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StationScope other && Objects.equals(stationId, other.stationId);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(stationId);
  }

  @Override
  public String toString() {
    return stationId == null ? "all stations" : "station " + stationId;
  }
}
