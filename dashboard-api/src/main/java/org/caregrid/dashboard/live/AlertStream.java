package org.caregrid.dashboard.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.bus.Addresses;
import org.caregrid.dashboard.api.AlertJson;

/**
 * {@code GET /api/v1/alerts/stream}: alert changes as Server-Sent Events, as they happen. A client
 * that cannot keep up (its write queue is full) is dropped and counted rather than buffered without
 * bound; the browser's EventSource reconnects on its own.
 */
public final class AlertStream {
  static final String DROPPED = "caregrid.dashboard.live.dropped";

  private final EventBus bus;
  private final Counter dropped;

  public AlertStream(EventBus bus, MeterRegistry meters) {
    this.bus = bus;
    this.dropped = meters.counter(DROPPED);
  }

  public void handle(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": connected\n\n");
    MessageConsumer<AlertChange> consumer =
        bus.localConsumer(
            Addresses.ALERTS_CHANGED,
            m -> {
              if (response.writeQueueFull()) {
                dropped.increment();
                response.reset();
                return;
              }
              response.write("event: alert\ndata: " + AlertJson.of(m.body()).encode() + "\n\n");
            });
    response.closeHandler(v -> consumer.unregister());
  }
}
