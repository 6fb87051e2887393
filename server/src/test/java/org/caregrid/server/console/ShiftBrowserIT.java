package org.caregrid.server.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import org.caregrid.dashboard.auth.StaffRole;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One change of shift in the console, as the station's lead and the incoming staff member see it on
 * their phones (and at a desk): the duty switch, the week's roster edited, a handover note written
 * with the open alert listed by itself, and acknowledged by the incoming shift, whose console shows
 * it until then. The alert's audit trail names the person.
 */
@Timeout(240)
class ShiftBrowserIT {
  private ConsolePlatform platform;

  @AfterEach
  void stop() throws Exception {
    if (platform != null) {
      try {
        assertThat(platform.cspViolations()).as("refused by the Content-Security-Policy").isEmpty();
      } finally {
        platform.close();
      }
    }
  }

  @ParameterizedTest(name = "{0}x{1}")
  @CsvSource({"390, 844", "1440, 900"})
  void aShiftIsHandedOverAndAcknowledged(int width, int height) throws Exception {
    String size = width + "x" + height;
    platform = ConsolePlatform.prepare();
    RegistryFixture registry = new RegistryFixture(platform.db());
    int street = registry.station("S", "street", 0, 40.62, 109.88, 20);
    int near = registry.station("near", "community", street, 40.609, 109.9, 5);
    StaffFixture staff = new StaffFixture(platform.db());
    staff.user("wang.fang", "王芳", StaffRole.STATION_LEAD, near);
    StaffFixture.User incoming = staff.user("li.na", "李娜", StaffRole.STATION_STAFF, near);
    staff.user("zhang.wei", "张伟", StaffRole.STATION_STAFF, near);
    long alert = openAlert(registry.resident("Sun Guilan", 40.6, 109.9), near);
    Sql.execute(
        platform.db(),
        "INSERT INTO alert_event (alert_id, actor, action, note) VALUES ("
            + alert
            + ", 'li.na', 'note', 'called her daughter')");
    platform.start(UnaryOperator.identity());

    // the lead: duty off and on again, then today's day shift staffed
    Page lead = platform.newPage(width, height);
    ConsolePlatform.signIn(lead, platform.base(), "wang.fang", 5);
    lead.locator("nav a[data-path=shift]").click();
    Locator duty = lead.locator(".duty-box");
    assertThat(duty).containsText("在岗接单");
    duty.locator("button.duty-switch").click();
    assertThat(duty.locator(".tag")).containsText("暂停接单");
    assertThat(onDuty(near)).isEqualTo("false");
    ConsolePlatform.screenshot(lead, "shift-01-off-duty-" + size);
    duty.locator("button.duty-switch").click();
    assertThat(duty.locator(".tag")).containsText("在岗接单");
    assertThat(onDuty(near)).isEqualTo("true");

    Locator today = lead.locator("tr[data-day=\"" + LocalDate.now() + "\"] td.slot-day");
    assertThat(today).containsText("未排班");
    today.locator("button.edit-slot").click();
    today.locator("label.pick", new Locator.LocatorOptions().setHasText("王芳")).click();
    today.locator("label.pick", new Locator.LocatorOptions().setHasText("李娜")).click();
    today.locator("button.save-slot").click();
    assertThat(today).containsText("王芳");
    assertThat(today).containsText("李娜");
    assertThat(today).not().containsText("张伟");
    assertThat(
            Sql.count(
                platform.db(),
                "SELECT count(*) FROM duty_shift WHERE shift = 'day' AND station_id = " + near))
        .isEqualTo(2);

    // the lead hands over: the open alert is listed without being typed
    Locator handover = lead.locator(".handover-box");
    assertThat(handover.locator(".handover-form")).containsText("未结告警 1 条");
    handover.locator("textarea[name=handover-note]").fill("孙奶奶女儿今晚到，门口钥匙在物业");
    handover.locator(".handover-form button[type=submit]").click();
    Locator pending = handover.locator("ul.pending li.handover");
    assertThat(pending).hasCount(1);
    assertThat(pending).containsText("王芳 交班");
    assertThat(pending).containsText("由下一班人员确认");
    assertThat(pending.locator("a[href=\"#/alert/" + alert + "\"]")).isVisible();
    ConsolePlatform.screenshot(lead, "shift-02-handed-over-" + size);
    assertThat(lead.locator("main")).not().containsText("null");
    assertNothingWider(lead, width);

    // the incoming shift is shown the note until they acknowledge it
    Page next = platform.newPage(width, height);
    ConsolePlatform.signIn(next, platform.base(), incoming.login(), 5);
    Locator banner = next.locator("#handover-banner");
    assertThat(banner).isVisible();
    banner.click();
    Locator waiting = next.locator(".handover-box ul.pending li.handover");
    assertThat(waiting).containsText("孙奶奶女儿今晚到");
    ConsolePlatform.screenshot(next, "shift-03-to-acknowledge-" + size);
    assertThat(next.locator("main")).not().containsText("null");
    waiting.locator("button.acknowledge").click();
    assertThat(next.locator(".handover-box")).containsText("没有待确认的交接班记录");
    assertThat(banner).isHidden();
    assertThat(
            Sql.text(
                platform.db(),
                "SELECT u.login FROM shift_handover h JOIN staff_user u ON u.id = h.acknowledged_by"))
        .isEqualTo("li.na");
    next.locator("details.handovers-done summary").click();
    assertThat(next.locator("details.handovers-done")).containsText("李娜 已确认接班");

    // the alert's audit trail names the person, not the login
    next.navigate(platform.base() + "#/alert/" + alert);
    assertThat(next.locator(".audit-box")).containsText("李娜");

    // the same page in English
    next.locator("button.lang").click();
    next.locator("nav a[data-path=shift]").click();
    assertThat(next.locator(".handover-box")).containsText("No handover waiting");
    assertThat(next.locator(".roster-box")).containsText("Day shift");
    ConsolePlatform.screenshot(next, "shift-04-english-" + size);
    assertNothingWider(next, width);
    next.locator("button.lang").click();
  }

  private String onDuty(int station) {
    return Sql.text(platform.db(), "SELECT on_duty::text FROM station WHERE id = " + station);
  }

  private static void assertNothingWider(Page page, int width) {
    Object scroll = page.evaluate("() => document.scrollingElement.scrollWidth");
    assertThat(((Number) scroll).intValue()).as("page width").isLessThanOrEqualTo(width);
  }

  /** An alert the station has accepted, so that no timer moves it while the test runs. */
  private long openAlert(int resident, int station) throws Exception {
    long id =
        Sql.count(
            platform.db(),
            ("INSERT INTO alert (kind, severity, resident_id, station_id, state, detail, raised_at,"
                    + " last_seen_at, notified_at, accepted_at, accept_deadline) VALUES ('fall',"
                    + " 'high', %d, %d, 'accepted', 'fall detected', now() - interval '10 min',"
                    + " now() - interval '10 min', now() - interval '10 min',"
                    + " now() - interval '9 min', now() + interval '1 hour') RETURNING id")
                .formatted(resident, station));
    Sql.execute(
        platform.db(),
        ("INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by)"
                + " VALUES (%d, %d, 0, now(), now() + interval '1 hour')")
            .formatted(id, station));
    return id;
  }
}
