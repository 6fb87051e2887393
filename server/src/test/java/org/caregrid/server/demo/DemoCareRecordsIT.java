package org.caregrid.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.sim.district.District;
import org.caregrid.sim.district.DistrictEnrolment;
import org.caregrid.sim.district.DistrictGenerator;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;

/**
 * The demo's contacts and summaries: every resident has numbers to call in order and a handover
 * card, the doctor a phone, and a second start changes nothing.
 */
class DemoCareRecordsIT {
  @Test
  void everyResidentGetsContactsAndASummaryOnce() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    try (HikariDataSource db = DataSources.create(database, "demo-care-it")) {
      // given
      Migrations.migrate(db, database.storage());
      District district = new DistrictGenerator(7).generate(12);
      DistrictEnrolment.enrolOnce(db, district);
      DemoAccounts.createOnce(db, 4);

      // when
      DemoCareRecords.createOnce(db, 7);
      String first =
          Sql.text(
              db,
              "SELECT string_agg(name || phone, ',' ORDER BY resident_id, call_order)"
                  + " FROM resident_contact");
      DemoCareRecords.createOnce(db, 7);

      // then
      long residents = Sql.count(db, "SELECT count(*) FROM resident");
      assertThat(residents).isPositive();
      assertThat(Sql.count(db, "SELECT count(*) FROM resident WHERE phone = ''")).isZero();
      assertThat(
              Sql.count(
                  db,
                  "SELECT count(*) FROM resident r WHERE NOT EXISTS (SELECT 1 FROM"
                      + " resident_contact c WHERE c.resident_id = r.id AND c.call_order = 1)"))
          .isZero();
      assertThat(Sql.count(db, "SELECT count(*) FROM medical_summary")).isEqualTo(residents);
      assertThat(Sql.count(db, "SELECT count(*) FROM medical_summary WHERE key_safe_code IS NULL"))
          .isBetween(1L, residents - 1);
      assertThat(Sql.count(db, "SELECT count(*) FROM family_doctor WHERE phone = ''")).isZero();
      assertThat(
              Sql.text(
                  db,
                  "SELECT string_agg(name || phone, ',' ORDER BY resident_id, call_order)"
                      + " FROM resident_contact"))
          .isEqualTo(first);
    }
  }
}
