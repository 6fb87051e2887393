package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;
import javax.sql.DataSource;
import org.caregrid.core.device.PskCipher;
import org.caregrid.dashboard.care.CallLog;
import org.caregrid.dashboard.care.ContactBook;
import org.caregrid.dashboard.care.DoorCodes;
import org.caregrid.dashboard.care.Handovers;
import org.caregrid.dashboard.care.MedicalRecords;
import org.caregrid.dashboard.query.DeviceQueries;
import org.caregrid.dashboard.query.HomeQueries;
import org.caregrid.dashboard.query.KpiQueries;
import org.caregrid.dashboard.query.ReadingQueries;
import org.caregrid.dashboard.query.ResidentQueries;
import org.caregrid.dashboard.store.DeviceStore;
import org.caregrid.dashboard.store.HomeStore;
import org.caregrid.dashboard.store.ResidentStore;
import org.caregrid.dashboard.visit.VisitQueries;
import org.caregrid.dashboard.visit.VisitSchedule;
import org.caregrid.dashboard.visit.VisitStore;

/**
 * The registry's resources: residents (with their contacts and medical summary), homes, devices,
 * readings, visits, the programme report, and the calls and handover card of an alert.
 */
public final class RegistryApis {
  private final ResidentsApi residents;
  private final HomesApi homes;
  private final DevicesApi devices;
  private final ReadingsApi readings;
  private final ReportsApi reports;
  private final ContactsApi contacts;
  private final CallsApi calls;
  private final VisitsApi visits;

  /**
   * @param db the worker pool that alone runs JDBC
   * @param psks seals enrolled devices' DTLS keys
   * @param visitQueries the visit tasks and figures, shared with the tier views
   */
  public RegistryApis(
      DataSource dataSource,
      WorkerExecutor db,
      PskCipher psks,
      Clock clock,
      VisitSchedule schedule,
      VisitQueries visitQueries) {
    DeviceQueries deviceQueries = new DeviceQueries(dataSource);
    ReadingQueries readingQueries = new ReadingQueries(dataSource);
    ResidentQueries residentQueries =
        new ResidentQueries(dataSource, deviceQueries, readingQueries);
    residents =
        new ResidentsApi(residentQueries, new ResidentStore(dataSource, residentQueries), db);
    homes = new HomesApi(new HomeQueries(dataSource), new HomeStore(dataSource), db);
    devices = new DevicesApi(deviceQueries, new DeviceStore(dataSource, deviceQueries, psks), db);
    readings = new ReadingsApi(readingQueries, residentQueries, deviceQueries, db);
    reports = new ReportsApi(new KpiQueries(dataSource, clock), visitQueries, db);
    contacts =
        new ContactsApi(
            residentQueries, new ContactBook(dataSource), new MedicalRecords(dataSource), db);
    calls =
        new CallsApi(
            new CallLog(dataSource), new Handovers(dataSource), new DoorCodes(dataSource), db);
    visits = new VisitsApi(visitQueries, new VisitStore(dataSource, schedule, clock), db, clock);
  }

  /** Mounts every resource on the API router (under the auth handler). */
  public void mount(Router api) {
    residents.mount(api);
    homes.mount(api);
    devices.mount(api);
    readings.mount(api);
    reports.mount(api);
    contacts.mount(api);
    calls.mount(api);
    visits.mount(api);
  }
}
