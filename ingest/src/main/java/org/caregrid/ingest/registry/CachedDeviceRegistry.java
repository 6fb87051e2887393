package org.caregrid.ingest.registry;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.PskCipher;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.error.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry held in memory: loaded whole at start, then kept current by the database's change
 * notifications ({@link DeviceChanges}), each of which makes the device it names be asked for
 * again. Keyed by the id's string: every message is looked up, and a string's hash and equality are
 * cheaper than a record's.
 *
 * <p>An id it does not know is asked of the database. The ids of every miss that arrives while a
 * query runs go together in the next one, so at most one query runs at a time however many unknown
 * ids arrive; an id found nowhere is remembered as unknown for {@link #UNKNOWN_FOR} (or until a
 * notification names it), so repeats of one cost nothing.
 */
public final class CachedDeviceRegistry implements DeviceRegistry {
  /**
   * How long an id the database did not know is refused without asking again. Short, because an
   * installer may try a device before enrolling it; the enrolment's notification ends it at once.
   */
  static final Duration UNKNOWN_FOR = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(CachedDeviceRegistry.class);

  /** Beyond this many ids remembered as unknown, they are forgotten all at once. */
  private static final int MAX_UNKNOWN = 10_000;

  private final DeviceStore store;
  private final WorkerExecutor db;
  private final Duration unknownFor;
  private final LongSupplier nanoTime;
  private volatile Map<String, Enrolled> known = new ConcurrentHashMap<>();
  private final Map<String, Long> unknownUntil = new ConcurrentHashMap<>();

  /** Counts changes, so that an answer read before one is not cached after it. */
  private final AtomicLong changes = new AtomicLong();

  private final Map<String, Promise<Optional<Enrolled>>> waiting = new HashMap<>();
  private boolean querying;
  private volatile long reportedUnreadable;
  private volatile long reportedPlaintext;
  private volatile double lastLoadSeconds;

  /**
   * @param cipher opens the sealed PSKs; a device whose key does not open keeps its MQTT access but
   *     fails every DTLS handshake, and is counted in {@link #unreadableKeys}
   */
  public CachedDeviceRegistry(DataSource dataSource, WorkerExecutor db, PskCipher cipher) {
    this(new JdbcDeviceStore(dataSource, cipher), db, UNKNOWN_FOR, System::nanoTime);
  }

  CachedDeviceRegistry(
      DeviceStore store, WorkerExecutor db, Duration unknownFor, LongSupplier nanoTime) {
    this.store = store;
    this.db = db;
    this.unknownFor = unknownFor;
    this.nanoTime = nanoTime;
  }

  @Override
  public Future<Device> require(DeviceId id) {
    Enrolled hit = known.get(id.value());
    if (hit != null) {
      return Future.succeededFuture(hit.device());
    }
    if (isUnknown(id.value())) {
      return Future.failedFuture(unknownDevice(id));
    }
    return ask(id.value())
        .compose(
            found ->
                found.isPresent()
                    ? Future.succeededFuture(found.get().device())
                    : Future.failedFuture(unknownDevice(id)));
  }

  @Override
  public Future<Optional<byte[]>> psk(DeviceId id) {
    Enrolled hit = known.get(id.value());
    if (hit != null) {
      return Future.succeededFuture(key(hit));
    }
    if (isUnknown(id.value())) {
      return Future.succeededFuture(Optional.empty());
    }
    return ask(id.value())
        .map(found -> found.flatMap(CachedDeviceRegistry::key))
        .otherwise(Optional.empty());
  }

  private static Optional<byte[]> key(Enrolled enrolled) {
    return enrolled.psk() == null ? Optional.empty() : Optional.of(enrolled.psk().clone());
  }

  /** Devices held whose sealed PSK did not open (wrong key, altered row). */
  public long unreadableKeys() {
    return known.values().stream().filter(e -> e.key() == KeyState.UNREADABLE).count();
  }

  /** Devices held. */
  public int size() {
    return known.size();
  }

  /** How long the last whole load took, from the query to the map in place. */
  public double lastLoadSeconds() {
    return lastLoadSeconds;
  }

  /** Loads every active device, replacing what is held. Blocking: the caller's thread waits. */
  int loadAll() throws SQLException {
    changes.incrementAndGet();
    long start = nanoTime.getAsLong();
    Map<String, Enrolled> loaded = store.loadActive();
    synchronized (this) {
      known = new ConcurrentHashMap<>(loaded);
      unknownUntil.clear();
    }
    lastLoadSeconds = (nanoTime.getAsLong() - start) / 1e9;
    report(loaded);
    return loaded.size();
  }

  /** Logged when the numbers change, not at every reload. */
  private void report(Map<String, Enrolled> loaded) {
    long unreadable = count(loaded, KeyState.UNREADABLE);
    long plaintext = count(loaded, KeyState.PLAINTEXT);
    if (unreadable != reportedUnreadable && unreadable > 0) {
      LOG.error("{} device(s) refused over DTLS: their keys do not open", unreadable);
    }
    if (plaintext != reportedPlaintext && plaintext > 0) {
      LOG.warn(
          "{} device(s) keep their DTLS keys in plaintext in the database; run `caregrid"
              + " seal-psks`",
          plaintext);
    }
    reportedUnreadable = unreadable;
    reportedPlaintext = plaintext;
  }

  private static long count(Map<String, Enrolled> loaded, KeyState state) {
    return loaded.values().stream().filter(e -> e.key() == state).count();
  }

  /** {@link #loadAll} on a worker. */
  public Future<Integer> reload() {
    return db.executeBlocking(this::loadAll, false);
  }

  /**
   * The device {@code uid} changed in the database (enrolled, edited, deactivated, removed): what
   * is held about it goes, and the next message from it asks the database.
   */
  synchronized void changed(String uid) {
    changes.incrementAndGet();
    known.remove(uid);
    unknownUntil.remove(uid);
  }

  private boolean isUnknown(String uid) {
    Long until = unknownUntil.get(uid);
    if (until == null) {
      return false;
    }
    if (until - nanoTime.getAsLong() > 0) {
      return true;
    }
    unknownUntil.remove(uid, until);
    return false;
  }

  /**
   * Asks the database for {@code uid}, with whatever other ids are waiting; answers on the caller's
   * context.
   */
  private Future<Optional<Enrolled>> ask(String uid) {
    Context caller = Vertx.currentContext();
    Future<Optional<Enrolled>> answer;
    boolean start;
    synchronized (this) {
      answer = waiting.computeIfAbsent(uid, k -> Promise.promise()).future();
      start = !querying;
      querying = true;
    }
    if (start) {
      queryWaiting();
    }
    if (caller == null) {
      return answer;
    }
    Promise<Optional<Enrolled>> onCaller = Promise.promise();
    answer.onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  /** Runs one query for every id now waiting; when it ends, the next for those that came since. */
  private void queryWaiting() {
    Map<String, Promise<Optional<Enrolled>>> batch;
    synchronized (this) {
      if (waiting.isEmpty()) {
        querying = false;
        return;
      }
      batch = new HashMap<>(waiting);
      waiting.clear();
    }
    long changesBefore = changes.get();
    db.<Map<String, Enrolled>>executeBlocking(() -> store.findActive(batch.keySet()), false)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                answer(batch, ar.result(), changesBefore);
              } else {
                UnavailableException down =
                    new UnavailableException("device registry: " + ar.cause().getMessage());
                batch.values().forEach(p -> p.fail(down));
              }
              queryWaiting();
            });
  }

  private void answer(
      Map<String, Promise<Optional<Enrolled>>> batch,
      Map<String, Enrolled> found,
      long changesBefore) {
    // An answer read before a change notification arrived may be stale: give it, keep it not.
    synchronized (this) {
      if (changes.get() == changesBefore) {
        long until = nanoTime.getAsLong() + unknownFor.toNanos();
        batch
            .keySet()
            .forEach(
                uid -> {
                  Enrolled enrolled = found.get(uid);
                  if (enrolled != null) {
                    known.put(uid, enrolled);
                  } else {
                    rememberUnknown(uid, until);
                  }
                });
      }
    }
    batch.forEach((uid, promise) -> promise.complete(Optional.ofNullable(found.get(uid))));
  }

  private void rememberUnknown(String uid, long until) {
    if (unknownUntil.size() >= MAX_UNKNOWN) {
      unknownUntil.clear(); // a flood of made-up ids: start over rather than grow
    }
    unknownUntil.put(uid, until);
  }

  private static RejectedException unknownDevice(DeviceId id) {
    return new RejectedException(Reason.UNKNOWN_DEVICE, "unknown device " + id);
  }
}
