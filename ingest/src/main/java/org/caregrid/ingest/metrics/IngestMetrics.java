package org.caregrid.ingest.metrics;

import java.util.function.Supplier;
import org.caregrid.core.error.Reason;
import org.caregrid.core.metrics.Transport;

/** What ingest reports, in domain words. Only the Micrometer implementation knows meter names. */
public interface IngestMetrics {

  void received(Transport transport, MessageKind kind);

  void rejected(Transport transport, Reason reason);

  /** A batch of {@code readings} rows was committed after {@code nanos}. */
  void committed(int readings, long nanos);

  /** {@code ageMillis}: from the reading's own timestamp to its commit. */
  void publishToCommit(long ageMillis);

  void writeFailed();

  /** {@code missing} messages of one device never arrived (a jump in its {@code seq}). */
  void seqGap(long missing);

  void unackedGauge(Transport transport, Supplier<Number> unacked);

  /** Readings accepted and not yet committed. */
  void backlogGauge(Supplier<Number> readings);

  /** Devices whose last status message said {@code online}. */
  void onlineGauge(Supplier<Number> devices);

  /** Devices whose sealed DTLS key does not open (wrong key or altered row): refused over DTLS. */
  void unreadableKeysGauge(Supplier<Number> devices);

  /** How the adoption of a departed node's broker sessions ended. */
  enum Adoption {
    /** Its sessions were drained and ended. */
    DONE("done"),
    /** The node came back and took its sessions during the adoption. */
    TAKEN_BACK("taken_back"),
    /** Broken off (broker or database trouble); it is tried again. */
    FAILED("failed");

    private final String label;

    Adoption(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** One adoption of a departed node's broker sessions ended. */
  void adoption(Adoption outcome);

  /** {@code messages} a departed node's sessions held were stored (or refused) by this node. */
  void adopted(int messages);

  /**
   * The device registry's last whole load: how many active devices it holds and how long the load
   * took, which grows with the fleet and is paid again at every safety-net reload.
   */
  void registryGauges(Supplier<Number> devices, Supplier<Number> lastLoadSeconds);

  IngestMetrics NOOP =
      new IngestMetrics() {
        @Override
        public void received(Transport transport, MessageKind kind) {}

        @Override
        public void rejected(Transport transport, Reason reason) {}

        @Override
        public void committed(int readings, long nanos) {}

        @Override
        public void publishToCommit(long ageMillis) {}

        @Override
        public void writeFailed() {}

        @Override
        public void seqGap(long missing) {}

        @Override
        public void unackedGauge(Transport transport, Supplier<Number> unacked) {}

        @Override
        public void backlogGauge(Supplier<Number> readings) {}

        @Override
        public void onlineGauge(Supplier<Number> devices) {}

        @Override
        public void unreadableKeysGauge(Supplier<Number> devices) {}

        @Override
        public void adoption(Adoption outcome) {}

        @Override
        public void adopted(int messages) {}

        @Override
        public void registryGauges(Supplier<Number> devices, Supplier<Number> lastLoadSeconds) {}
      };
}
