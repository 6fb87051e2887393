package org.caregrid.ingest.store;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.caregrid.core.device.StatusChange;
import org.caregrid.ingest.status.StatusSink;

/**
 * A device's latest online or offline in {@code device_status}: a late message never wins its last
 * seen time. Changes are written together: while one write runs, those that arrive wait and go in
 * the next, one statement and one commit for all of them. A district's devices all say {@code
 * online} at once after a broker restart; one commit each would make that storm wait on as many WAL
 * flushes.
 */
public final class JdbcStatusSink implements StatusSink {
  /** One row per device: the batch is folded first, as a row may be updated once per statement. */
  private static final String UPSERT =
      "INSERT INTO device_status (device_id, online, last_seen)"
          + " SELECT d, o, to_timestamp(t / 1000.0)"
          + " FROM unnest(?::int[], ?::boolean[], ?::bigint[]) AS u(d, o, t)"
          + " ON CONFLICT (device_id) DO UPDATE SET online = excluded.online,"
          + " last_seen = greatest(device_status.last_seen, excluded.last_seen)";

  /** A bound on one statement's arrays; more wait for the next write. */
  static final int MAX_BATCH = 5_000;

  private final DataSource dataSource;
  private final WorkerExecutor db;
  private final List<Pending> waiting = new ArrayList<>();
  private boolean writing;

  private record Pending(StatusChange change, Promise<Void> done) {}

  public JdbcStatusSink(DataSource dataSource, WorkerExecutor db) {
    this.dataSource = dataSource;
    this.db = db;
  }

  @Override
  public Future<Void> send(StatusChange change) {
    Context caller = Vertx.currentContext();
    Promise<Void> written = Promise.promise();
    boolean start;
    synchronized (this) {
      waiting.add(new Pending(change, written));
      start = !writing;
      writing = true;
    }
    if (start) {
      writeWaiting();
    }
    if (caller == null) {
      return written.future();
    }
    Promise<Void> onCaller = Promise.promise();
    written.future().onComplete(ar -> caller.runOnContext(v -> onCaller.handle(ar)));
    return onCaller.future();
  }

  /** Writes what is waiting; when that commits, what came since. */
  private void writeWaiting() {
    List<Pending> batch;
    synchronized (this) {
      if (waiting.isEmpty()) {
        writing = false;
        return;
      }
      List<Pending> head = waiting.subList(0, Math.min(MAX_BATCH, waiting.size()));
      batch = new ArrayList<>(head);
      head.clear();
    }
    db.executeBlocking(() -> upsert(batch), false)
        .onComplete(
            ar -> {
              batch.forEach(p -> p.done().handle(ar.mapEmpty()));
              writeWaiting();
            });
  }

  /**
   * Folds the batch to one row per device as the changes would leave it one after the other: the
   * last online or offline to arrive, the latest time seen.
   */
  private int upsert(List<Pending> batch) throws SQLException {
    // In device order, as the readings' writers lock the same rows: no deadlock between them.
    Map<Integer, StatusChange> last = new TreeMap<>();
    Map<Integer, Long> latest = new TreeMap<>();
    for (Pending p : batch) {
      StatusChange c = p.change();
      last.put(c.device().key(), c);
      latest.merge(c.device().key(), c.at(), Math::max);
    }
    Integer[] devices = last.keySet().toArray(new Integer[0]);
    Boolean[] online = new Boolean[devices.length];
    Long[] at = new Long[devices.length];
    for (int i = 0; i < devices.length; i++) {
      online[i] = last.get(devices[i]).online();
      at[i] = latest.get(devices[i]);
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(UPSERT)) {
      Array d = c.createArrayOf("int4", devices);
      Array o = c.createArrayOf("bool", online);
      Array t = c.createArrayOf("int8", at);
      ps.setArray(1, d);
      ps.setArray(2, o);
      ps.setArray(3, t);
      return ps.executeUpdate();
    }
  }
}
