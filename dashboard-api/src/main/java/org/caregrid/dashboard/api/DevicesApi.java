package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.caregrid.core.device.DeviceCredentials;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.PskCipher;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.DeviceQueries;
import org.caregrid.dashboard.store.DeviceStore;
import org.caregrid.dashboard.store.NewDevice;

/**
 * {@code /devices}: the fleet, one device, and enrolling one. Enrolling issues the device's broker
 * password and DTLS key; they are in that one response and nowhere else (the database keeps the
 * password's hash and the key).
 */
public final class DevicesApi {
  private static final int MAX_PAGE = 500;

  /** 128 bits, the DTLS PSK length the CoAP devices' firmware expects at least. */
  private static final int PSK_BYTES = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final DeviceQueries queries;
  private final DeviceStore devices;
  private final WorkerExecutor db;

  public DevicesApi(DeviceQueries queries, DeviceStore devices, WorkerExecutor db) {
    this.queries = queries;
    this.devices = devices;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/devices").handler(this::list);
    api.post("/devices").handler(this::enrol);
    api.get("/devices/:id").handler(this::detail);
  }

  private void list(RoutingContext ctx) {
    if (Access.require(ctx, Access.DISTRICT) == null) {
      return;
    }
    String status = ctx.queryParams().get("status");
    Boolean online;
    if (status == null) {
      online = null;
    } else if (status.equals("online") || status.equals("offline")) {
      online = status.equals("online");
    } else {
      throw new ApiFailures.BadRequest("status must be online or offline");
    }
    String kind = ctx.queryParams().get("kind");
    if (kind != null) {
      kind = kind(kind).code();
    }
    String lowBattery = ctx.queryParams().get("lowBattery");
    if (lowBattery != null && !lowBattery.equals("true") && !lowBattery.equals("false")) {
      throw new ApiFailures.BadRequest("lowBattery must be true or false");
    }
    boolean low = "true".equals(lowBattery);
    int limit = ApiFailures.intParam(ctx, "limit", 100, 1, MAX_PAGE);
    int offset = ApiFailures.intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    String kindCode = kind;
    Blocking.answer(
        db,
        ctx,
        () -> queries.page(online, kindCode, low, limit, offset),
        page -> ctx.json(RegistryJson.page(page, RegistryJson::device)));
  }

  private void detail(RoutingContext ctx) {
    if (Access.require(ctx, Access.DISTRICT) == null) {
      return;
    }
    int id = Params.id(ctx);
    Blocking.answer(
        db,
        ctx,
        () -> queries.one(id).map(RegistryJson::device),
        found -> Replies.found(ctx, 200, found));
  }

  private void enrol(RoutingContext ctx) {
    Principal who = Access.require(ctx, Access.PROGRAMME);
    if (who == null) {
      return;
    }
    JsonObject body = Params.body(ctx);
    String uid = Params.text(body, "uid");
    if (!DeviceId.isValid(uid)) {
      throw new ApiFailures.BadRequest(
          "uid must be a letter or digit, then up to 63 letters, digits, '.', '_' or '-'");
    }
    int interval = Params.integer(body, "expectedIntervalS", 60);
    if (interval < 1 || interval > 86_400) {
      throw new ApiFailures.BadRequest("expectedIntervalS must be 1..86400");
    }
    NewDevice device =
        new NewDevice(
            new DeviceId(uid),
            kind(Params.text(body, "kind")),
            Params.integer(body, "homeId"),
            Params.integer(body, "residentId"),
            interval);
    if (!devices.canStoreKeys()) {
      throw new ApiFailures.Refused(
          503, PskCipher.CONFIG_KEY + " is not set: devices' DTLS keys cannot be stored");
    }
    DeviceCredentials credentials = DeviceCredentials.issue(device.uid());
    byte[] psk = new byte[PSK_BYTES];
    RANDOM.nextBytes(psk);
    Blocking.answer(
        db,
        ctx,
        () -> devices.enrol(who, device, credentials.hash(), psk),
        result -> {
          if (result instanceof DeviceStore.Enrolment.Done done) {
            ctx.response()
                .setStatusCode(201)
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(
                    new JsonObject()
                        .put("device", RegistryJson.device(done.device()))
                        .put(
                            "credentials",
                            new JsonObject()
                                .put("mqttUsername", uid)
                                .put("mqttPassword", credentials.secret())
                                .put("pskIdentity", uid)
                                .put("pskHex", HexFormat.of().formatHex(psk)))
                        .encode());
          } else if (result instanceof DeviceStore.Enrolment.UidTaken) {
            ctx.fail(409);
          } else {
            ctx.fail(
                new ApiFailures.BadRequest(
                    "residentId: no such resident in home " + device.homeId()));
          }
        });
  }

  private static DeviceKind kind(String code) {
    try {
      return DeviceKind.fromCode(code);
    } catch (IllegalArgumentException e) {
      throw new ApiFailures.BadRequest("kind must be one of " + kinds());
    }
  }

  private static String kinds() {
    StringBuilder s = new StringBuilder();
    for (DeviceKind k : DeviceKind.values()) {
      s.append(s.length() == 0 ? "" : ", ").append(k.code());
    }
    return s.toString();
  }
}
