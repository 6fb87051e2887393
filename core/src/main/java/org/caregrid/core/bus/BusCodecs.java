package org.caregrid.core.bus;

import io.vertx.core.Vertx;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.reading.ReadingBatch;

/** Registers one codec per message record, so they can be sent without conversion. */
public final class BusCodecs {
  private BusCodecs() {}

  /** Call once per Vert.x instance, before any role is deployed. */
  public static void register(Vertx vertx) {
    vertx
        .eventBus()
        .registerDefaultCodec(ReadingBatch.class, new RecordCodec<>(ReadingBatch.class));
    vertx.eventBus().registerDefaultCodec(AlertChange.class, new RecordCodec<>(AlertChange.class));
    vertx
        .eventBus()
        .registerDefaultCodec(StatusChange.class, new RecordCodec<>(StatusChange.class));
  }
}
