package org.caregrid.dashboard.api;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.care.Contact;
import org.caregrid.dashboard.care.ContactBook;
import org.caregrid.dashboard.care.MedicalEdit;
import org.caregrid.dashboard.care.MedicalRecords;
import org.caregrid.dashboard.query.ResidentQueries;
import org.caregrid.dashboard.query.StationScope;

/**
 * {@code /residents/{id}/contacts} and {@code /residents/{id}/medical}: read by whoever may see the
 * resident, written by programme staff as the rest of the resident's record is. The key safe code
 * can be set here but is never read back (see {@code /alerts/{id}/door-code}).
 */
public final class ContactsApi {
  private final ResidentQueries residents;
  private final ContactBook contacts;
  private final MedicalRecords medical;
  private final WorkerExecutor db;

  public ContactsApi(
      ResidentQueries residents, ContactBook contacts, MedicalRecords medical, WorkerExecutor db) {
    this.residents = residents;
    this.contacts = contacts;
    this.medical = medical;
    this.db = db;
  }

  public void mount(Router api) {
    api.get("/residents/:id/contacts").handler(this::readContacts);
    api.put("/residents/:id/contacts").handler(this::writeContacts);
    api.get("/residents/:id/medical").handler(this::readMedical);
    api.put("/residents/:id/medical").handler(this::writeMedical);
  }

  private void readContacts(RoutingContext ctx) {
    readIfVisible(ctx, id -> contacts.read(id).map(CareJson::contacts));
  }

  private void writeContacts(RoutingContext ctx) {
    Principal who = Access.require(ctx, Access.PROGRAMME);
    if (who == null) {
      return;
    }
    int id = Params.id(ctx);
    JsonObject body = Params.body(ctx);
    String phone = CareInput.residentPhone(body);
    List<Contact> list = CareInput.contacts(body);
    Blocking.answer(
        db,
        ctx,
        () -> contacts.replace(who, id, phone, list).map(CareJson::contacts),
        found -> Replies.found(ctx, 200, found));
  }

  private void readMedical(RoutingContext ctx) {
    readIfVisible(ctx, id -> medical.read(id).map(CareJson::medical));
  }

  /** Answers what {@code read} finds of a resident the caller may see; 404 for any other. */
  private void readIfVisible(RoutingContext ctx, Read read) {
    StationScope scope = Visibility.of(Principal.of(ctx));
    int id = Params.id(ctx);
    Blocking.answer(
        db,
        ctx,
        () -> residents.isVisible(scope, id) ? read.of(id) : Optional.<JsonObject>empty(),
        found -> Replies.found(ctx, 200, found));
  }

  /** One of a resident's records, as JSON, if the resident exists. */
  @FunctionalInterface
  private interface Read {
    Optional<JsonObject> of(int resident) throws SQLException;
  }

  private void writeMedical(RoutingContext ctx) {
    Principal who = Access.require(ctx, Access.PROGRAMME);
    if (who == null) {
      return;
    }
    int id = Params.id(ctx);
    MedicalEdit edit = CareInput.medical(Params.body(ctx));
    Blocking.answer(
        db,
        ctx,
        () -> medical.replace(who, id, edit).map(CareJson::medical),
        found -> Replies.found(ctx, 200, found));
  }
}
