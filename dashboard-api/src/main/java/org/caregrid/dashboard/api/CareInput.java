package org.caregrid.dashboard.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.caregrid.dashboard.api.ApiFailures.BadRequest;
import org.caregrid.dashboard.care.CallOutcome;
import org.caregrid.dashboard.care.Callee;
import org.caregrid.dashboard.care.Contact;
import org.caregrid.dashboard.care.MedicalEdit;
import org.caregrid.dashboard.care.NewCall;

/**
 * Reads contacts, medical summaries and call attempts from request bodies; 400 naming the field.
 */
final class CareInput {
  /** A number a phone can dial: digits, an optional leading +, spaces or dashes between. */
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{1,23}[0-9]");

  /** Key safes take digits, letters and the keypad's two symbols. */
  private static final Pattern KEY_SAFE_CODE = Pattern.compile("[0-9A-Za-z#*]{1,16}");

  static final int MAX_CONTACTS = 10;
  private static final int MAX_NAME = 100;
  private static final int MAX_TEXT = 2_000;

  private CareInput() {}

  static String residentPhone(JsonObject body) {
    Object raw = body.getValue("phone");
    if (raw == null || raw instanceof String s && s.isBlank()) {
      return "";
    }
    return phone(raw, "phone");
  }

  static List<Contact> contacts(JsonObject body) {
    if (!(body.getValue("contacts") instanceof JsonArray array)) {
      throw new BadRequest("contacts must be an array (in call order)");
    }
    if (array.size() > MAX_CONTACTS) {
      throw new BadRequest("contacts must have at most " + MAX_CONTACTS + " entries");
    }
    List<Contact> contacts = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = "contacts[" + i + "].";
      if (!(array.getValue(i) instanceof JsonObject c)) {
        throw new BadRequest("contacts[" + i + "] must be an object");
      }
      Object holdsKey = c.getValue("holdsKey");
      if (holdsKey != null && !(holdsKey instanceof Boolean)) {
        throw new BadRequest(at + "holdsKey must be true or false");
      }
      contacts.add(
          new Contact(
              i + 1,
              text(c, "name", at, MAX_NAME, true),
              text(c, "relationship", at, MAX_NAME, true),
              phone(c.getValue("phone"), at + "phone"),
              Boolean.TRUE.equals(holdsKey)));
    }
    return contacts;
  }

  static MedicalEdit medical(JsonObject body) {
    boolean changeCode = body.containsKey("keySafeCode");
    String code = null;
    if (changeCode && body.getValue("keySafeCode") != null) {
      if (!(body.getValue("keySafeCode") instanceof String s)
          || !KEY_SAFE_CODE.matcher(s).matches()) {
        throw new BadRequest("keySafeCode must be 1 to 16 digits, letters, # or *, or null");
      }
      code = s;
    }
    return new MedicalEdit(
        text(body, "conditions", "", MAX_TEXT, false),
        text(body, "medicines", "", MAX_TEXT, false),
        text(body, "allergies", "", MAX_TEXT, false),
        text(body, "mobility", "", MAX_TEXT, false),
        text(body, "preferredHospital", "", MAX_NAME, false),
        text(body, "keyHolders", "", MAX_TEXT, false),
        changeCode,
        code);
  }

  static NewCall call(JsonObject body) {
    Callee callee;
    CallOutcome outcome;
    try {
      callee = Callee.fromCode(String.valueOf(body.getValue("callee")));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("callee must be one of resident, contact, doctor, other");
    }
    try {
      outcome = CallOutcome.fromCode(String.valueOf(body.getValue("outcome")));
    } catch (IllegalArgumentException e) {
      throw new BadRequest("outcome must be one of answered, no_answer, busy, wrong_number");
    }
    String note = text(body, "note", "", MAX_TEXT, false);
    return new NewCall(
        callee, phone(body.getValue("phone"), "phone"), outcome, note.isEmpty() ? null : note);
  }

  private static String phone(Object raw, String field) {
    if (!(raw instanceof String s) || !PHONE.matcher(s.trim()).matches()) {
      throw new BadRequest(field + " must be a phone number: digits, a leading + allowed");
    }
    return s.trim();
  }

  /** A text field, trimmed; absent or null is empty unless {@code required}. */
  private static String text(JsonObject o, String field, String at, int max, boolean required) {
    Object raw = o.getValue(field);
    if (raw == null && !required) {
      return "";
    }
    if (!(raw instanceof String s) || (required && s.isBlank())) {
      throw new BadRequest(
          at + field + (required ? " must be a non-empty string" : " must be a string"));
    }
    if (s.length() > max) {
      throw new BadRequest(at + field + " must be at most " + max + " characters");
    }
    return s.trim();
  }
}
