package org.caregrid.dashboard.store;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.ResidentQueries;
import org.caregrid.dashboard.query.ResidentView;

/** Enrols residents and keeps their care plans. Blocking: runs on the database worker pool. */
public final class ResidentStore {
  private static final String INSERT =
      "INSERT INTO resident (home_id, name, birth_year, lives_alone, dementia, copd_scale2,"
          + " care_plan) SELECT id, ?, ?, ?, ?, ?, ?::jsonb FROM home WHERE id = ? RETURNING id";
  private static final String UPDATE_PLAN =
      "UPDATE resident SET care_plan = ?::jsonb WHERE id = ? RETURNING id";

  private final DataSource dataSource;
  private final ResidentQueries residents;

  public ResidentStore(DataSource dataSource, ResidentQueries residents) {
    this.dataSource = dataSource;
    this.residents = residents;
  }

  /** Enrols a resident in an existing home, audited; empty if there is no such home. */
  public Optional<ResidentView> enrol(Principal who, NewResident r) throws SQLException {
    Optional<Integer> id =
        Transactions.run(
            dataSource,
            c -> {
              int key;
              try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, r.name());
                if (r.birthYear() == null) {
                  ps.setNull(2, Types.INTEGER);
                } else {
                  ps.setInt(2, r.birthYear());
                }
                ps.setBoolean(3, r.livesAlone());
                ps.setBoolean(4, r.dementia());
                ps.setBoolean(5, r.copdScale2());
                ps.setString(6, r.carePlan().encode());
                ps.setInt(7, r.homeId());
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return Optional.empty();
                  }
                  key = rs.getInt(1);
                }
              }
              StaffAudit.record(c, who, "resident.enrol", "resident/" + key, r.toJson());
              return Optional.of(key);
            });
    return id.isEmpty() ? Optional.empty() : residents.one(id.get());
  }

  /** Replaces the care plan, audited; empty if there is no such resident. */
  public Optional<ResidentView> replaceCarePlan(Principal who, int id, JsonObject plan)
      throws SQLException {
    boolean found =
        Transactions.run(
            dataSource,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(UPDATE_PLAN)) {
                ps.setString(1, plan.encode());
                ps.setInt(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return false;
                  }
                }
              }
              StaffAudit.record(
                  c,
                  who,
                  "care_plan.update",
                  "resident/" + id,
                  new JsonObject().put("carePlan", plan));
              return true;
            });
    return found ? residents.one(id) : Optional.empty();
  }
}
