package org.caregrid.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ReducedMotion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.alerting.routing.RoutingConfig;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The console when an alarm goes unanswered, at 3 a.m. and on a phone (issue 14), on a desk and at
 * 390 px: an SOS nobody accepts keeps alarming after its last step at the community station and the
 * district centre and is re-sent; its timers say how long it waited; the 120 banner stays legible
 * in every frame of its animation and stops moving for reduced motion; accepting can be undone and
 * resolving cannot close it by mistake; a silent stream is called down within 10 s.
 */
@Timeout(300)
class AlarmBrowserIT {
  private static final Duration CRITICAL_ACCEPT = Duration.ofSeconds(3);
  private static final Duration CRITICAL_RESEND = Duration.ofSeconds(3);
  private static final Duration UNDO = Duration.ofSeconds(5);
  private static final Pattern RGB = Pattern.compile("[\\d.]+");

  private ConsolePlatform platform;
  private StallableLine line;

  @AfterEach
  void stop() throws Exception {
    if (line != null) {
      line.close();
    }
    if (platform != null) {
      try {
        assertThat(platform.cspViolations()).as("refused by the Content-Security-Policy").isEmpty();
      } finally {
        platform.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"1440, 900", "390, 844"})
  void anUnansweredSosNeverGoesQuiet(int width, int height) throws Exception {
    String size = width + "x" + height;
    platform = ConsolePlatform.prepare();
    RegistryFixture registry = new RegistryFixture(platform.db());
    int district = registry.station("D", "district", 0, 40.65, 109.85, 50);
    int street = registry.station("S", "street", district, 40.62, 109.88, 20);
    int near = registry.station("near", "community", street, 40.609, 109.9, 5);
    registry.station("far", "community", street, 40.7, 109.95, 5);
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String pendant = "pendant-" + unique;
    String monitor = "monitor-" + unique;
    int resident = registry.resident("Sun Guilan", 40.6, 109.9);
    registry.device(pendant, DeviceKind.SOS_PENDANT, resident);
    int monitorKey = registry.device(monitor, DeviceKind.VITALS_MONITOR, resident).key();
    // a monitor that reports every 2 min: a reading 5 min old is stale, and it stays "online"
    Sql.execute(
        platform.db(), "UPDATE device SET expected_interval_s = 120 WHERE id = " + monitorKey);
    long olderFall =
        olderCriticalAlert(registry.resident("Li Xiuying", 40.6, 109.91), near, district);
    StaffFixture staff = new StaffFixture(platform.db());
    staff.user("near.staff", StaffRole.STATION_STAFF, near);
    staff.user("centre.staff", StaffRole.STATION_STAFF, district);
    platform.start(s -> s.withAlerting(quickRouting(s.alerting())));
    line = new StallableLine(platform.httpPort());

    // station staff (through a line the test can stall) and the district centre, side by side
    Page station = platform.newPage(width, height);
    ConsolePlatform.signIn(station, line.base(), "near.staff", 5);
    Page centre = platform.newPage(width, height);
    ConsolePlatform.signIn(centre, platform.base(), "centre.staff", 5);
    // the tab's title and icon count the unaccepted alerts (item 7)
    assertThat(station.locator("link[rel=icon]")).hasAttribute("data-count", "1");
    assertThat(station).hasTitle(Pattern.compile("^\\(1\\) "));

    long now = System.currentTimeMillis();
    telemetry(monitor, now - 300_000, "hr", 82);
    telemetry(monitor, now, "spo2", 96);
    platform
        .devices()
        .publish(
            "care/" + pendant + "/event",
            "{\"ts\":%d,\"seq\":1,\"type\":\"sos\"}".formatted(System.currentTimeMillis()));

    // item 2: the new SOS shows how long it waited beside its step's deadline, never green
    Locator sos = station.locator("tr[data-kind=sos]");
    assertThat(sos.locator(".timer[data-timer=waited]")).containsText("已等待");
    assertThat(sos.locator(".timer[data-timer=deadline]")).containsText("本步接单时限");
    assertThat(sos.locator(".timer[data-timer=deadline]"))
        .hasAttribute("data-level", Pattern.compile("warn|danger|overdue"));
    ConsolePlatform.screenshot(station, "alarm-01-sos-" + size);

    // item 1: after its last step nobody accepted: it stays on top, flashing and ringing,
    // at the community station and at the district centre, and is sent again
    for (Page p : List.of(station, centre)) {
      Locator top = p.locator("tr[data-alert-id]").first();
      assertThat(top).hasAttribute("data-kind", "sos");
      assertThat(top).hasClass(Pattern.compile("\\bunanswered\\b"));
      assertThat(top).containsText("无人接单");
      assertThat(top.locator("button.mute")).hasCount(0);
      assertThat(p.locator("tr[data-alert-id=\"" + olderFall + "\"]")).isVisible();
      assertThat(p.locator("html")).hasAttribute("data-alarm", "critical");
      assertThat(p.locator("link[rel=icon]")).hasAttribute("data-unanswered", "1");
      assertThat(p).hasTitle(Pattern.compile("无人接单"));
    }
    long sosId = Sql.count(platform.db(), "SELECT id FROM alert WHERE kind = 'sos'");
    await().atMost(CRITICAL_RESEND.multipliedBy(3)).until(() -> audited(sosId, "resent") >= 1);
    ConsolePlatform.screenshot(station, "alarm-02-unanswered-station-" + size);
    ConsolePlatform.screenshot(centre, "alarm-03-unanswered-centre-" + size);

    // item 2: the detail header labels its timers; item 7: an old vital sign is marked stale
    station.locator("tr[data-kind=sos] button.open").click();
    Locator head = station.locator("header.alert-head");
    assertThat(head).containsText("已等待");
    assertThat(head).containsText("发生于");
    assertThat(head).containsText("无人接单，下次重发");
    assertThat(station.locator("tr.vital[data-metric=hr]")).hasAttribute("data-stale", "true");
    assertThat(station.locator("tr.vital[data-metric=spo2]")).hasAttribute("data-stale", "false");

    // item 3: white on the banner keeps 4.5:1 in every frame of its animation...
    Locator banner = station.locator(".banner.call120");
    assertThat(banner).containsText("120");
    Frames moving = frames(banner);
    assertThat(moving.animated()).isTrue();
    assertThat(moving.samples()).hasSizeGreaterThan(50);
    assertThat(moving.lowestContrast()).isGreaterThanOrEqualTo(4.5);
    ConsolePlatform.screenshot(station, "alarm-04-detail-unanswered-" + size);
    // ...and stands still when the operator asked for reduced motion
    station.emulateMedia(new Page.EmulateMediaOptions().setReducedMotion(ReducedMotion.REDUCE));
    Frames still = frames(banner);
    assertThat(still.animated()).isFalse();
    assertThat(still.lowestContrast()).isGreaterThanOrEqualTo(4.5);
    station.emulateMedia(
        new Page.EmulateMediaOptions().setReducedMotion(ReducedMotion.NO_PREFERENCE));

    // item 4: the keys are on screen; "A" accepts after a few seconds, and U takes it back
    station.locator("a.back").click();
    assertThat(station.locator(".shortcuts")).containsText("A 接单");
    station.keyboard().press("k");
    station.keyboard().press("k");
    assertThat(station.locator("tr.selected")).hasAttribute("data-kind", "sos");
    station.keyboard().press("a");
    assertThat(station.locator(".undo-toast")).isVisible();
    station.keyboard().press("u");
    assertThat(station.locator(".undo-toast")).hasCount(0);
    await()
        .during(UNDO.plusSeconds(1))
        .atMost(UNDO.plusSeconds(5))
        .until(() -> "notified".equals(state(sosId)));
    station.locator("tr[data-kind=sos] button.accept").click();
    assertThat(station.locator(".undo-toast")).isVisible();
    await().atMost(UNDO.plusSeconds(10)).until(() -> "accepted".equals(state(sosId)));

    // item 2: after accept, the time left to be on site within the 15-minute circle
    station.locator("tr[data-kind=sos] button.open").click();
    Locator onSite = station.locator("header.alert-head .timer[data-timer=onsite]");
    assertThat(onSite).containsText("15 分钟到场时限");
    assertThat(onSite).hasAttribute("data-level", Pattern.compile("warn|danger|overdue"));

    // item 4: no outcome is chosen for the operator; 误报 needs a note; critical asks again
    Locator outcome = station.locator("select[name=outcome]");
    assertThat(outcome).hasValue("");
    station.locator("button.resolve").click();
    assertThat(station.locator(".resolve-problem")).containsText("请先选择结案结果");
    outcome.selectOption("false_alarm");
    station.locator("button.resolve").click();
    assertThat(station.locator(".resolve-problem")).containsText("须填写备注");
    assertThat(state(sosId)).isEqualTo("accepted");
    station.locator("input[name=resolve-note]").fill("pressed by accident while dressing");
    station.locator("button.resolve").click();
    assertThat(station.locator(".confirm")).containsText("误报");
    ConsolePlatform.screenshot(station, "alarm-05-confirm-resolve-" + size);
    assertThat(state(sosId)).isEqualTo("accepted");
    station.locator("button.confirm-resolve").click();
    assertThat(head).hasAttribute("data-state", "resolved");
    assertThat(Sql.text(platform.db(), "SELECT outcome FROM alert WHERE id = " + sosId))
        .isEqualTo("false_alarm");

    // item 7: a stream gone silent (a dead link, no error) is called down within 10 s
    station.locator("a.back").click();
    assertThat(station.locator("#link")).hasAttribute("data-state", "live");
    // the server's heartbeats keep a quiet stream live past the 7 s watch
    await()
        .during(Duration.ofSeconds(11))
        .atMost(Duration.ofSeconds(15))
        .until(() -> "live".equals(station.locator("#link").getAttribute("data-state")));
    line.stall();
    long cut = System.nanoTime();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> "down".equals(station.locator("#link").getAttribute("data-state")));
    long noticedMs = (System.nanoTime() - cut) / 1_000_000;
    assertThat(noticedMs).isLessThan(10_000);
    ConsolePlatform.screenshot(station, "alarm-06-link-down-" + size);
    line.mend();
    assertThat(station.locator("#link")).hasAttribute("data-state", "live");
    System.out.printf(
        "%s: banner lowest contrast %.2f:1 over %d frames; link down after %d ms%n",
        size, moving.lowestContrast(), moving.samples().size(), noticedMs);
  }

  private static AlertingConfig quickRouting(AlertingConfig a) {
    RoutingConfig r = a.routing();
    return new AlertingConfig(
        a.rules(),
        a.engine(),
        new RoutingConfig(
            CRITICAL_ACCEPT,
            r.high(),
            r.medium(),
            r.low(),
            new RoutingConfig.Resend(
                CRITICAL_RESEND, r.resend().high(), r.resend().medium(), r.resend().low()),
            Duration.ofSeconds(1)),
        a.notifications(),
        a.databaseWorkers());
  }

  /** A critical fall older than the SOS, routed to the community station and the centre. */
  private long olderCriticalAlert(int resident, int station, int centre) throws Exception {
    long id =
        Sql.count(
            platform.db(),
            ("INSERT INTO alert (kind, severity, resident_id, station_id, state, detail, raised_at,"
                    + " last_seen_at, notified_at, accept_deadline) VALUES ('fall', 'critical',"
                    + " %d, %d, 'notified', 'fall detected', now() - interval '10 min',"
                    + " now() - interval '10 min', now() - interval '10 min',"
                    + " now() + interval '1 hour') RETURNING id")
                .formatted(resident, station));
    Sql.execute(
        platform.db(),
        ("INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by)"
                + " VALUES (%d, %d, 0, now(), now() + interval '1 hour'),"
                + " (%d, %d, 0, now(), now() + interval '1 hour')")
            .formatted(id, station, id, centre));
    return id;
  }

  private void telemetry(String device, long ts, String metric, double value) throws Exception {
    platform
        .devices()
        .publish(
            "care/" + device + "/telemetry",
            "{\"ts\":%d,\"m\":{\"%s\":%s}}".formatted(ts, metric, value));
  }

  private String state(long alert) {
    return Sql.text(platform.db(), "SELECT state FROM alert WHERE id = " + alert);
  }

  private long audited(long alert, String action) {
    return Sql.count(
        platform.db(),
        "SELECT count(*) FROM alert_event WHERE alert_id = %d AND action = '%s'"
            .formatted(alert, action));
  }

  /** Text and background colour of the element at every 10 ms of two rounds of its animation. */
  record Frames(boolean animated, List<List<String>> samples) {
    double lowestContrast() {
      return samples.stream().mapToDouble(s -> contrast(s.get(0), s.get(1))).min().orElseThrow();
    }
  }

  @SuppressWarnings("unchecked")
  private static Frames frames(Locator element) {
    Map<String, Object> seen =
        (Map<String, Object>)
            element.evaluate(
                "el => {"
                    + " const sample = () => { const cs = getComputedStyle(el);"
                    + "   return [cs.color, cs.backgroundColor]; };"
                    + " const animations = el.getAnimations();"
                    + " if (animations.length === 0) return { animated: false, samples: [sample()] };"
                    + " const a = animations[0]; a.pause();"
                    + " const d = a.effect.getComputedTiming().duration; const samples = [];"
                    + " for (let t = 0; t < 2 * d; t += 10) { a.currentTime = t; samples.push(sample()); }"
                    + " a.play();"
                    + " return { animated: true, samples }; }");
    return new Frames((Boolean) seen.get("animated"), (List<List<String>>) seen.get("samples"));
  }

  /** WCAG 2 contrast ratio of two CSS rgb()/rgba() colours (opaque, as the banner's are). */
  static double contrast(String a, String b) {
    double la = luminance(a);
    double lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
  }

  private static double luminance(String css) {
    Matcher m = RGB.matcher(css);
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      if (!m.find()) {
        throw new IllegalArgumentException("not an rgb colour: " + css);
      }
      double v = Double.parseDouble(m.group()) / 255;
      c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
}
