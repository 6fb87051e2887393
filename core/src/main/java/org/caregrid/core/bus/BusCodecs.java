package org.caregrid.core.bus;

import io.vertx.core.Vertx;
import java.util.List;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertCommand;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.reading.ReadingBatch;

/** Registers one codec per message record, so they can be sent without conversion. */
public final class BusCodecs {
  private static final List<Class<? extends Record>> MESSAGES =
      List.of(
          ReadingBatch.class,
          EventBatch.class,
          StatusChange.class,
          AlertChange.class,
          AlertCommand.class);

  private BusCodecs() {}

  /** Call once per Vert.x instance, before any role is deployed. */
  public static void register(Vertx vertx) {
    MESSAGES.forEach(type -> registerOne(vertx, type));
  }

  private static <T extends Record> void registerOne(Vertx vertx, Class<T> type) {
    vertx.eventBus().registerDefaultCodec(type, new RecordCodec<>(type));
  }
}
