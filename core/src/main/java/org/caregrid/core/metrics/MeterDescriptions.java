package org.caregrid.core.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;

/**
 * The HELP text of each CareGrid meter that its module registers without one, so that a scrape
 * passes {@code promtool check metrics}. A meter with its own description keeps it.
 */
final class MeterDescriptions {
  private static final Map<String, String> HELP =
      Map.ofEntries(
          Map.entry("caregrid.ingest.messages", "messages ingest received, by transport and kind"),
          Map.entry("caregrid.ingest.rejected", "messages refused, by transport and reason"),
          Map.entry("caregrid.ingest.readings.written", "readings committed to the database"),
          Map.entry("caregrid.ingest.batch.readings", "readings per COPY batch"),
          Map.entry("caregrid.ingest.commit.duration", "time a batch's COPY and commit took"),
          Map.entry(
              "caregrid.ingest.publish.to.commit", "from a reading's timestamp to its commit"),
          Map.entry(
              "caregrid.ingest.unacked.messages",
              "messages received from the broker and not yet acknowledged (after commit)"),
          Map.entry("caregrid.ingest.backlog.readings", "readings waiting for the writer"),
          Map.entry("caregrid.ingest.write.failures", "writes that failed and are retried"),
          Map.entry("caregrid.ingest.seq.missing", "gaps in devices' sequence numbers"),
          Map.entry("caregrid.ingest.devices.online", "devices whose last status was online"),
          Map.entry(
              "caregrid.ingest.psk.unreadable",
              "devices whose sealed DTLS key did not open at the last registry load"),
          Map.entry("caregrid.ingest.registry.devices", "active devices in the registry"),
          Map.entry(
              "caregrid.ingest.registry.load.seconds",
              "how long the last whole registry load took"),
          Map.entry(
              "caregrid.ingest.session.adoptions",
              "adoptions of a departed node's broker sessions, by outcome"),
          Map.entry(
              "caregrid.ingest.session.adopted.messages",
              "messages a departed node's broker sessions held, taken by this node"),
          Map.entry("caregrid.alerting.inputs", "messages the rules evaluated, by kind"),
          Map.entry(
              "caregrid.alerting.tick.residents", "residents the shards' timed passes looked at"),
          Map.entry("caregrid.alerting.tick.devices", "devices the shards' timed passes looked at"),
          Map.entry(
              "caregrid.alerting.help.requests.recovered",
              "help requests committed but never published, sent by this node's desk"),
          Map.entry("caregrid.alerting.ticks", "timed passes of the rule shards"),
          Map.entry("caregrid.alerting.alerts.raised", "alerts opened, by kind and severity"),
          Map.entry("caregrid.alerting.alerts.escalated", "alerts escalated to the next tier"),
          Map.entry("caregrid.alerting.store.failures", "findings that could not be stored"),
          Map.entry("caregrid.alerting.notifications", "notifications delivered, by channel"),
          Map.entry(
              "caregrid.alerting.notifications.failed", "notifications that failed, by channel"),
          Map.entry("caregrid.dashboard.logins", "sign-ins, by outcome"),
          Map.entry("caregrid.dashboard.live.dropped", "live-stream clients dropped as too slow"));

  static final MeterFilter FILTER =
      new MeterFilter() {
        @Override
        public Meter.Id map(Meter.Id id) {
          String help = id.getDescription() == null ? HELP.get(id.getName()) : null;
          return help == null
              ? id
              : new Meter.Id(
                  id.getName(),
                  Tags.of(id.getTagsAsIterable()),
                  id.getBaseUnit(),
                  help,
                  id.getType());
        }
      };

  private MeterDescriptions() {}
}
