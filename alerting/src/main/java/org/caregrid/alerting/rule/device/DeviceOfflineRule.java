package org.caregrid.alerting.rule.device;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.alerting.rule.Finding;
import org.caregrid.alerting.rule.Findings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.Rule;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.reading.ReadingBatch;

/**
 * A device that stopped reporting: no data for {@code missed-intervals} × its expected interval
 * (for kinds that speak only when pressed or triggered, none of any message for their {@code
 * supervision} time), or its Last Will → high when it is the resident's SOS pendant or fall
 * detector, medium otherwise. One alert per resident names every offline device; it closes itself
 * ("restored") when all of them report again. Time is arrival time on the rule's clock. A device
 * the rule has not heard from since it started (a platform restart) or since the device appeared
 * (enrolment) is counted from then plus {@code start-grace}, so a restart does not raise a storm of
 * offline alerts.
 */
public final class DeviceOfflineRule implements Rule {
  private static final Set<DeviceKind> LIFELINES =
      EnumSet.of(DeviceKind.SOS_PENDANT, DeviceKind.FALL_DETECTOR);

  private final RuleConfig.DeviceOffline config;
  private final Clock clock;
  private final long countFrom;
  private final Map<Integer, Track> devices = new HashMap<>();
  private final Set<Integer> raised = new HashSet<>();

  private static final class Track {
    long lastSeen;
    boolean offline;
    String why;
    boolean lastWill;
    long silentS;

    Track(long lastSeen) {
      this.lastSeen = lastSeen;
    }
  }

  public DeviceOfflineRule(RuleConfig.DeviceOffline config, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.countFrom = clock.millis() + config.startGrace().toMillis();
  }

  @Override
  public void onReadings(ReadingBatch batch, Resident resident, Findings findings) {
    seen(batch.device(), resident, findings);
  }

  @Override
  public void onEvent(EventBatch event, Resident resident, Findings findings) {
    seen(event.device(), resident, findings);
  }

  @Override
  public void onStatus(StatusChange change, Resident resident, Findings findings) {
    if (change.online()) {
      seen(change.device(), resident, findings);
      return;
    }
    Track t = track(change.device());
    if (!t.offline) {
      t.offline = true;
      t.why = "Last Will";
      t.lastWill = true;
      raise(resident, findings);
    }
  }

  private void seen(Device device, Resident resident, Findings findings) {
    Track t = track(device);
    t.lastSeen = clock.millis();
    if (!t.offline) {
      return;
    }
    t.offline = false;
    if (!raised.contains(resident.key())) {
      return;
    }
    List<Device> still = offline(resident);
    if (still.isEmpty()) {
      raised.remove(resident.key());
      findings.restore(
          AlertKind.DEVICE_OFFLINE,
          resident.key(),
          t.lastSeen,
          "restored: " + device.id() + " reports again");
    } else {
      findings.note(
          AlertKind.DEVICE_OFFLINE,
          resident.key(),
          t.lastSeen,
          device.id() + " reports again; still offline: " + ids(still));
    }
  }

  @Override
  public void onTick(Resident resident, Findings findings) {
    long now = clock.millis();
    boolean newlyOffline = false;
    for (Device d : resident.devices()) {
      Track t = track(d);
      long silent = now - t.lastSeen;
      if (!t.offline && silent >= config.allowedSilence(d).toMillis()) {
        t.offline = true;
        t.why = "no data for " + silent / 1000 + " s";
        t.lastWill = false;
        t.silentS = silent / 1000;
        newlyOffline = true;
      }
    }
    if (newlyOffline) {
      raise(resident, findings);
    } else if (raised.contains(resident.key()) && offline(resident).isEmpty()) {
      raised.remove(resident.key()); // the offline devices were detached from the resident
      findings.restore(
          AlertKind.DEVICE_OFFLINE, resident.key(), now, "restored: no attached device offline");
    }
  }

  private void raise(Resident resident, Findings findings) {
    List<Device> off = offline(resident);
    if (off.isEmpty()) {
      return; // a Last Will from a device no longer attached to the resident
    }
    raised.add(resident.key());
    Device worst =
        off.stream().filter(d -> LIFELINES.contains(d.kind())).findFirst().orElse(off.get(0));
    Severity severity = LIFELINES.contains(worst.kind()) ? Severity.HIGH : Severity.MEDIUM;
    String detail =
        off.stream()
            .map(d -> d.kind().code() + " " + d.id() + " (" + devices.get(d.key()).why + ")")
            .collect(Collectors.joining(", ", "offline: ", ""));
    findings.raise(
        new AlertCandidate(
            AlertKind.DEVICE_OFFLINE,
            severity,
            resident.key(),
            worst.key(),
            clock.millis(),
            detail,
            Finding.of(
                "offline",
                "devices",
                off.stream()
                    .map(
                        d ->
                            Map.of(
                                "kind",
                                d.kind().code(),
                                "device",
                                d.id().value(),
                                "lastWill",
                                devices.get(d.key()).lastWill,
                                "silentS",
                                devices.get(d.key()).silentS))
                    .toList())));
  }

  private List<Device> offline(Resident resident) {
    List<Device> off = new ArrayList<>();
    for (Device d : resident.devices()) {
      Track t = devices.get(d.key());
      if (t != null && t.offline) {
        off.add(d);
      }
    }
    return off;
  }

  private Track track(Device d) {
    return devices.computeIfAbsent(d.key(), k -> new Track(Math.max(countFrom, clock.millis())));
  }

  private static String ids(List<Device> devices) {
    return devices.stream().map(d -> d.id().toString()).collect(Collectors.joining(", "));
  }
}
