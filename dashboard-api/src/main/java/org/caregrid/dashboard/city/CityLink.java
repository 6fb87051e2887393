package org.caregrid.dashboard.city;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.retry.Backoff;
import org.caregrid.core.sign.RequestSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the city feed on this node: numbers settled records, stores each closed day's indicators,
 * and, when {@code city.push.url} is set and this node holds the push lease, POSTs the records one
 * after another in the feed's order. A record is marked pushed only after a 2xx; anything else, or
 * no answer within the timeout, is tried again with a doubling delay, the same record first, so
 * nothing overtakes it and an alert's changes arrive in order. Every try of a record carries the
 * same {@code Idempotency-Key} and the same body, so a receiver that already took it (its answer
 * was lost) drops the repeat. An alert change nudges a pass at once; otherwise one runs every
 * {@code city.poll}. Timers and HTTP on the event loop, JDBC on the database workers.
 */
public final class CityLink {
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
  private static final Logger LOG = LoggerFactory.getLogger(CityLink.class);
  private static final int BATCH = 50;
  private static final Duration DAILY_CHECK = Duration.ofMinutes(1);

  private final CityConfig config;
  private final CityFeed feed;
  private final CityJson json;
  private final DailyIndicators daily;
  private final WorkerExecutor db;
  private final Clock clock;
  private final String holder;
  private final Backoff backoff;
  private final RequestSignature signature;
  private final AtomicLong pending = new AtomicLong();
  private final Counter pushed;
  private final Counter failures;
  private Vertx vertx;
  private HttpClientAgent http;
  private MessageConsumer<Object> nudges;
  private long timer = -1;
  private boolean running;
  private boolean again;
  private boolean stopped;
  private int failedTries;
  private Instant nextTry = Instant.MIN;
  private Instant nextDailyCheck = Instant.MIN;

  public CityLink(
      CityConfig config,
      CityFeed feed,
      CityJson json,
      DailyIndicators daily,
      WorkerExecutor db,
      Clock clock,
      String holder,
      MeterRegistry meters) {
    this.config = config;
    this.feed = feed;
    this.json = json;
    this.daily = daily;
    this.db = db;
    this.clock = clock;
    this.holder = holder;
    this.backoff = new Backoff(config.push().initialDelay(), config.push().maxDelay());
    this.signature = config.push().enabled() ? new RequestSignature(config.push().secret()) : null;
    Gauge.builder("caregrid.city.records.pending", pending, AtomicLong::get)
        .description("city feed records not yet pushed")
        .register(meters);
    this.pushed =
        Counter.builder("caregrid.city.records.pushed")
            .description("city feed records the city platform took")
            .register(meters);
    this.failures =
        Counter.builder("caregrid.city.push.failures")
            .description("pushes to the city platform that failed and will be tried again")
            .register(meters);
  }

  /** Starts on the caller's context. */
  public void start(Vertx vertx) {
    this.vertx = vertx;
    if (config.push().enabled()) {
      HttpClientOptions options = new HttpClientOptions().setKeepAlive(true);
      if (!config.push().caFile().isEmpty()) {
        options.setTrustOptions(new PemTrustOptions().addCertPath(config.push().caFile()));
      }
      http = vertx.createHttpClient(options);
    }
    nudges = vertx.eventBus().consumer(Addresses.ALERTS_CHANGED, m -> pass());
    timer = vertx.setPeriodic(config.poll().toMillis(), id -> pass());
    pass();
  }

  public Future<Void> stop() {
    stopped = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    Future<Void> unregistered = nudges == null ? Future.succeededFuture() : nudges.unregister();
    return http == null ? unregistered : unregistered.compose(v -> http.close());
  }

  /** One pass; a pass asked for while one runs runs once more after it. */
  void pass() {
    if (stopped) {
      return;
    }
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    Instant now = clock.instant();
    boolean checkDaily = !now.isBefore(nextDailyCheck);
    if (checkDaily) {
      nextDailyCheck = now.plus(DAILY_CHECK);
    }
    db.executeBlocking(
            () -> {
              if (checkDaily) {
                daily.catchUp(LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(1));
              }
              feed.sequence();
              pending.set(feed.pending());
              boolean push =
                  config.push().enabled()
                      && !now.isBefore(nextTry)
                      && feed.lease(holder, config.push().timeout().multipliedBy(3));
              return push ? feed.unpushed(BATCH) : List.<CityRecord>of();
            },
            false)
        .compose(this::pushAll)
        .onFailure(e -> LOG.warn("city feed pass failed: {}", e.getMessage()))
        .onComplete(
            done -> {
              running = false;
              if (again) {
                pass();
              }
            });
  }

  private Future<Void> pushAll(List<CityRecord> records) {
    return pushFrom(records, 0);
  }

  /** Pushes the records from {@code i} on, one after another; stops at the first that fails. */
  private Future<Void> pushFrom(List<CityRecord> records, int i) {
    if (i == records.size()) {
      if (records.size() == BATCH) {
        again = true;
      }
      return Future.succeededFuture();
    }
    return push(records.get(i))
        .compose(ok -> ok ? pushFrom(records, i + 1) : Future.<Void>succeededFuture());
  }

  /** Whether the record went; a failure is recorded and retried later, not returned. */
  private Future<Boolean> push(CityRecord record) {
    Buffer body = json.of(record).toBuffer();
    long now = clock.instant().getEpochSecond();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(config.push().url())
            .setConnectTimeout(config.push().timeout().toMillis())
            .setIdleTimeout(config.push().timeout().toMillis())
            .putHeader("Content-Type", "application/json")
            .putHeader(IDEMPOTENCY_HEADER, record.key())
            .putHeader(RequestSignature.TIMESTAMP_HEADER, Long.toString(now))
            .putHeader(RequestSignature.SIGNATURE_HEADER, signature.sign(now, body.getBytes()));
    return http.request(options)
        .compose(req -> req.send(body))
        .compose(
            resp ->
                resp.body()
                    .compose(
                        b ->
                            resp.statusCode() / 100 == 2
                                ? Future.<Void>succeededFuture()
                                : Future.<Void>failedFuture(
                                    new IllegalStateException("HTTP " + resp.statusCode()))))
        .compose(
            v ->
                db.executeBlocking(
                    () -> {
                      feed.pushed(record.id());
                      return null;
                    },
                    false))
        .map(
            v -> {
              pushed.increment();
              failedTries = 0;
              return true;
            })
        .recover(e -> retryLater(record, e));
  }

  private Future<Boolean> retryLater(CityRecord record, Throwable e) {
    failures.increment();
    Duration delay = backoff.delay(failedTries++);
    nextTry = clock.instant().plus(delay);
    LOG.debug("city push of {} failed ({}); next try in {}", record.key(), e.getMessage(), delay);
    String error = e.getMessage() == null ? e.toString() : e.getMessage();
    vertx.setTimer(Math.max(1, delay.toMillis()), id -> pass());
    return db.executeBlocking(
            () -> {
              feed.failed(record.id(), error);
              return null;
            },
            false)
        .transform(done -> Future.succeededFuture(false));
  }
}
