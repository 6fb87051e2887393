package org.caregrid.sim;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;
import org.caregrid.sim.clock.FollowingClock;
import org.caregrid.sim.device.CareBed;
import org.caregrid.sim.device.HomeDevices;
import org.caregrid.sim.device.Report;
import org.caregrid.sim.device.SimDevice;
import org.caregrid.sim.district.DeviceKeys;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.District.DeviceSpec;
import org.caregrid.sim.transport.CoapPool;
import org.caregrid.sim.transport.DeviceLink;
import org.caregrid.sim.transport.MqttSender;
import org.caregrid.sim.transport.Traffic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every device of a district against the platform on a clock that may run faster than real
 * time: each device reports at its own interval of simulated time, stamped with that time, and a
 * step that falls behind catches up in order, so no report is skipped and none is early. Optional
 * tachycardia episodes give the demo something to show.
 */
public final class DistrictSimulation implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DistrictSimulation.class);
  private static final Duration EPISODE = Duration.ofSeconds(60);
  private static final long STEP_MS = 10;
  private static final int CONNECT_THREADS = 16;

  /** After a stall, catch up at most this much simulated time per step, not all at once. */
  private static final Duration MAX_STEP = Duration.ofMinutes(1);

  /**
   * Where the devices connect: the MQTT broker and, for CoAP devices, the platform's DTLS port with
   * their {@code keys}.
   *
   * @param passwords each MQTT device's broker password by id; a device without one connects
   *     without a password, as to a broker open to devices
   */
  public record Target(
      String brokerUrl, Optional<URI> coap, DeviceKeys keys, Map<String, String> passwords) {
    public Target(String brokerUrl, Optional<URI> coap, DeviceKeys keys) {
      this(brokerUrl, coap, keys, Map.of());
    }
  }

  private static final class Running {
    final SimDevice device;
    final DeviceLink link;
    final DeviceId id;
    final boolean senml;
    Instant next;
    long seq;

    Running(SimDevice device, DeviceLink link, Instant first) {
      this.device = device;
      this.link = link;
      this.id = new DeviceId(device.spec().uid());
      this.senml = device.spec().encoding() != District.Encoding.MQTT_COMPACT_JSON;
      this.next = first;
    }
  }

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "caregrid-sim");
            t.setDaemon(true);
            return t;
          });
  private final Clock clock;
  private final Instant until;
  private final Traffic traffic = new Traffic();
  private final AtomicLong readings = new AtomicLong();
  private final CoapPool coap = new CoapPool();
  private final List<Running> running = new ArrayList<>();
  private final List<CareBed> beds = new ArrayList<>();
  private final Random random;
  private volatile Instant reached;
  private volatile Supplier<Instant> platform;
  private Duration lead = Duration.ZERO;

  /**
   * Creates the simulation.
   *
   * @param clock the simulated clock: devices stamp their reports with it
   * @param until no report is made after this simulated time
   */
  public DistrictSimulation(Clock clock, Instant until, long seed) {
    this.clock = clock;
    this.until = until;
    this.random = new Random(seed);
    this.reached = clock.instant();
  }

  /** Connects every device of {@code district} and starts reporting. */
  public DistrictSimulation start(District district, Target target) throws IOException {
    Instant start = clock.instant();
    List<SimDevice> devices = new ArrayList<>();
    int left = 0;
    for (District.Home home : district.homes()) {
      for (SimDevice d : HomeDevices.of(home, start)) {
        if (d.spec().encoding().coap() && target.coap().isEmpty()) {
          left++;
          continue;
        }
        devices.add(d);
        if (d instanceof CareBed bed) {
          beds.add(bed);
        }
      }
    }
    if (left > 0) {
      LOG.warn("No CoAP target: {} CoAP devices are left out", left);
    }
    List<DeviceLink> links = connectAll(devices, target);
    for (int i = 0; i < devices.size(); i++) {
      long phase = (long) (random.nextDouble() * devices.get(i).spec().intervalSeconds() * 1000);
      running.add(new Running(devices.get(i), links.get(i), start.plusMillis(phase)));
    }
    // Cancelled by shutdownNow() in close().
    ScheduledFuture<?> unused =
        scheduler.scheduleWithFixedDelay(this::step, STEP_MS, STEP_MS, TimeUnit.MILLISECONDS);
    LOG.info(
        "Simulating {} devices in {} homes against {}{}",
        running.size(),
        district.homes().size(),
        target.brokerUrl(),
        target.coap().map(u -> " and " + u).orElse(""));
    return this;
  }

  /** Starts a tachycardia episode on a random bed after {@code first}, then every {@code every}. */
  public void episodes(Duration first, Duration every) {
    ScheduledFuture<?> unused =
        scheduler.scheduleAtFixedRate(
            this::episode, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Keeps the devices at most {@code lead} of simulated time ahead of what the platform has taken
   * in ({@code platformReached}): when it falls behind (a database stall on a loaded machine), the
   * devices wait rather than pile up messages the broker may drop, and a clock following {@link
   * #reached()} waits with them.
   */
  public DistrictSimulation pacedBy(Supplier<Instant> platformReached, Duration lead) {
    this.lead = lead;
    this.platform = platformReached;
    return this;
  }

  /** What the devices sent so far. */
  public Traffic traffic() {
    return traffic;
  }

  /** Readings the devices sent, in all their messages. */
  public long readingsSent() {
    return readings.get();
  }

  /**
   * A clock for the platform under test that shows {@link #reached()}: it advances as the devices
   * report, and stalls when they do.
   */
  public Clock progress() {
    return new FollowingClock(this::reached);
  }

  /** The simulated time up to which every device has reported. */
  public Instant reached() {
    return reached;
  }

  /** Whether every report up to {@code until} has been made. */
  public boolean finished() {
    return !reached.isBefore(until);
  }

  private void step() {
    Instant upTo = earliest(clock.instant(), until, reached.plus(MAX_STEP));
    Supplier<Instant> paced = platform;
    if (paced != null) {
      upTo = earliest(upTo, paced.get().plus(lead), upTo);
    }
    if (upTo.isBefore(reached)) {
      return;
    }
    try {
      for (Running r : running) {
        while (!r.next.isAfter(upTo)) {
          send(r, r.device.report(r.next));
          r.next = r.next.plusSeconds(r.device.spec().intervalSeconds());
        }
      }
      reached = upTo;
    } catch (RuntimeException e) {
      LOG.error("The simulation step failed; devices stop reporting", e);
      throw e;
    }
  }

  /**
   * One message per time: compact JSON carries one time per message (a spot check, then later the
   * battery level, go as two).
   */
  private void send(Running r, Report report) {
    Map<Long, List<Reading>> byTime = new TreeMap<>();
    for (Reading reading : report.readings()) {
      byTime.computeIfAbsent(reading.time(), t -> new ArrayList<>(4)).add(reading);
    }
    for (List<Reading> same : byTime.values()) {
      Telemetry t =
          r.senml ? new Telemetry(r.seq++, same, Optional.of(r.id)) : new Telemetry(r.seq++, same);
      readings.addAndGet(same.size());
      r.link.telemetry(t);
    }
    for (DeviceEvent e : report.events()) {
      r.link.event(e);
    }
  }

  private static Instant earliest(Instant a, Instant b, Instant c) {
    Instant ab = a.isBefore(b) ? a : b;
    return ab.isBefore(c) ? ab : c;
  }

  private void episode() {
    if (beds.isEmpty()) {
      return;
    }
    CareBed bed = beds.get(random.nextInt(beds.size()));
    bed.startTachycardia(clock.instant(), EPISODE);
    LOG.info("Scenario: tachycardia episode on {}", bed.spec().uid());
  }

  /** Connects devices in parallel: one at a time, a few hundred take many seconds. */
  private List<DeviceLink> connectAll(List<SimDevice> devices, Target target) throws IOException {
    ExecutorService connecting = Executors.newFixedThreadPool(CONNECT_THREADS);
    List<Future<DeviceLink>> pending = new ArrayList<>();
    for (SimDevice d : devices) {
      pending.add(connecting.submit(() -> connect(d.spec(), target)));
    }
    List<DeviceLink> connected = new ArrayList<>();
    try {
      for (Future<DeviceLink> f : pending) {
        connected.add(f.get());
      }
      return connected;
    } catch (ExecutionException e) {
      connected.forEach(DeviceLink::close);
      throw new IOException("could not connect a simulated device: " + e.getCause(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connected.forEach(DeviceLink::close);
      throw new IOException("interrupted while connecting devices", e);
    } finally {
      connecting.shutdownNow();
    }
  }

  private DeviceLink connect(DeviceSpec spec, Target target) throws Exception {
    if (spec.encoding().coap()) {
      return coap.sender(
          target.coap().orElseThrow(), spec.uid(), target.keys().psk(spec.uid()), traffic);
    }
    boolean senml = spec.encoding() == District.Encoding.MQTT_SENML_JSON;
    String password = target.passwords().get(spec.uid());
    return MqttSender.connect(target.brokerUrl(), spec.uid(), password, senml, traffic);
  }

  /** Stops reporting and takes every device offline, in parallel as in {@link #connectAll}. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    ExecutorService closing = Executors.newFixedThreadPool(CONNECT_THREADS);
    running.forEach(r -> closing.execute(r.link::close));
    closing.shutdown();
    try {
      if (!closing.awaitTermination(20, TimeUnit.SECONDS)) {
        LOG.warn("Some simulated devices did not disconnect within 20 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    coap.close();
  }
}
