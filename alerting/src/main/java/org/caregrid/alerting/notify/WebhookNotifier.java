package org.caregrid.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Clock;
import java.util.UUID;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.metrics.AlertingMetrics.Channel;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.core.error.UnavailableException;
import org.caregrid.core.sign.RequestSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each help request, as the JSON of {@link HelpRequestJson}, to the configured URL, signed
 * (see {@link RequestSignature}). Any failure, an error status or none, is tried again after a
 * doubling delay, up to {@code attempts} tries: a receiver being redeployed answers 502 or nothing
 * for a while. After the last try the delivery is kept in {@code webhook_delivery} and the future
 * fails. Tries of one request share the {@code X-CareGrid-Delivery} id, so the receiver can drop a
 * repeat whose first answer was lost. Nothing here blocks: HTTP and timers on the event loop, the
 * insert on the database pool. With the webhook switched off (no url) it does nothing.
 */
public final class WebhookNotifier implements Notifier, AutoCloseable {
  static final String DELIVERY_HEADER = "X-CareGrid-Delivery";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);

  private final Vertx vertx;
  private final NotifyConfig.Webhook config;
  private final JdbcWebhookDeliveries failures;
  private final AlertingMetrics metrics;
  private final Clock clock;
  private final RequestSignature signature;
  private final HttpClientAgent http;

  public WebhookNotifier(
      Vertx vertx,
      NotifyConfig.Webhook config,
      JdbcWebhookDeliveries failures,
      AlertingMetrics metrics,
      Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.failures = failures;
    this.metrics = metrics;
    this.clock = clock;
    this.signature = new RequestSignature(config.secret());
    this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
  }

  @Override
  public Future<Void> notify(HelpRequest request) {
    if (!config.enabled()) {
      return Future.succeededFuture();
    }
    Delivery delivery =
        new Delivery(
            request.alertId(), UUID.randomUUID().toString(), HelpRequestJson.encode(request));
    return attempt(delivery, 1);
  }

  @Override
  public void close() {
    http.close();
  }

  private Future<Void> attempt(Delivery delivery, int attempt) {
    return post(delivery)
        .onSuccess(v -> metrics.notified(Channel.WEBHOOK))
        .recover(
            e -> {
              Integer status = e instanceof RefusedStatus refused ? refused.status : null;
              if (attempt >= config.attempts()) {
                return giveUp(delivery, attempt, e.getMessage(), status);
              }
              LOG.debug(
                  "webhook try {} for alert {} failed: {}",
                  attempt,
                  delivery.alertId,
                  e.getMessage());
              return after(config.delayBefore(attempt + 1).toMillis())
                  .compose(v -> attempt(delivery, attempt + 1));
            });
  }

  private Future<Void> post(Delivery delivery) {
    long now = clock.instant().getEpochSecond();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(config.url())
            .setConnectTimeout(config.timeout().toMillis())
            .setIdleTimeout(config.timeout().toMillis())
            .putHeader("Content-Type", "application/json")
            .putHeader(RequestSignature.TIMESTAMP_HEADER, Long.toString(now))
            .putHeader(
                RequestSignature.SIGNATURE_HEADER, signature.sign(now, delivery.body.getBytes()))
            .putHeader(DELIVERY_HEADER, delivery.id);
    return http.request(options)
        .compose(req -> req.send(delivery.body))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b ->
                            resp.statusCode() / 100 == 2
                                ? Future.<Void>succeededFuture()
                                : Future.<Void>failedFuture(new RefusedStatus(resp.statusCode()))));
  }

  private Future<Void> giveUp(Delivery delivery, int attempts, String lastError, Integer status) {
    metrics.notifyFailed(Channel.WEBHOOK);
    FailedDelivery failed =
        new FailedDelivery(
            delivery.alertId,
            config.url(),
            delivery.body.toString(),
            attempts,
            lastError == null ? "unknown" : lastError,
            status,
            clock.instant());
    LOG.warn(
        "webhook for alert {} failed after {} tries ({}); kept in webhook_delivery",
        delivery.alertId,
        attempts,
        failed.lastError());
    return failures
        .keepFailed(failed)
        .onFailure(
            e ->
                LOG.error(
                    "could not keep the failed webhook for alert {}: {}",
                    delivery.alertId,
                    e.getMessage()))
        .transform(
            r ->
                Future.failedFuture(
                    new UnavailableException(
                        "webhook failed after " + attempts + " tries: " + failed.lastError())));
  }

  private Future<Void> after(long millis) {
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(millis, t -> elapsed.complete());
    return elapsed.future();
  }

  private record Delivery(long alertId, String id, Buffer body) {}

  /** The receiver answered, but not with 2xx. */
  private static final class RefusedStatus extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    RefusedStatus(int status) {
      super("HTTP " + status, null, false, false);
      this.status = status;
    }
  }
}
