package org.caregrid.fhir;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An Observation search as FHIR writes it: {@code patient} (required: {@code 12} or {@code
 * Patient/12}), {@code date} (repeatable, with the prefixes eq, ge, gt, le, lt; a day or an
 * instant; default the last 24 hours), {@code code} (a comma list of LOINC codes or {@code
 * system|code}; the NEWS2 code too; default every sign), {@code _count} (1-1000, default 100) and
 * {@code _offset}.
 *
 * @param signs the vital signs asked for
 * @param news2 whether NEWS2 is asked for
 */
record ObservationSearch(
    int patient,
    Instant from,
    Instant to,
    Set<VitalSign> signs,
    boolean news2,
    int count,
    int offset) {
  static final int MAX_COUNT = 1000;
  static final Duration LONGEST = Duration.ofDays(366);

  /** A search the client got wrong: 400 with an OperationOutcome. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  static ObservationSearch parse(
      String patient, List<String> dates, String codes, String count, String offset, Instant now) {
    if (patient == null || patient.isBlank()) {
      throw new Invalid("patient is required (e.g. patient=Patient/12)");
    }
    String id = patient.startsWith("Patient/") ? patient.substring("Patient/".length()) : patient;
    int patientId;
    try {
      patientId = Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw new Invalid("patient must be a Patient id");
    }
    Instant from = now.minus(Duration.ofDays(1));
    Instant to = now;
    boolean fromSet = false;
    for (String d : dates) {
      String prefix = d.length() > 2 && Character.isLetter(d.charAt(0)) ? d.substring(0, 2) : "eq";
      String value = prefix.equals("eq") && !d.startsWith("eq") ? d : d.substring(2);
      Instant[] range = range(value);
      switch (prefix) {
        case "eq" -> {
          from = range[0];
          to = range[1];
          fromSet = true;
        }
        case "ge" -> {
          from = range[0];
          fromSet = true;
        }
        case "gt" -> {
          from = range[1];
          fromSet = true;
        }
        case "le" -> to = range[1];
        case "lt" -> to = range[0];
        default -> throw new Invalid("date prefix must be eq, ge, gt, le or lt: " + d);
      }
    }
    if (!fromSet && !dates.isEmpty()) {
      from = to.minus(Duration.ofDays(1));
    }
    if (!to.isAfter(from) || Duration.between(from, to).compareTo(LONGEST) > 0) {
      throw new Invalid("date must give a range of at most 366 days, start before end");
    }
    Set<VitalSign> signs = EnumSet.noneOf(VitalSign.class);
    boolean news2 = false;
    if (codes == null || codes.isBlank()) {
      signs = EnumSet.allOf(VitalSign.class);
      news2 = true;
    } else {
      for (String token : codes.split(",")) {
        String code = token.contains("|") ? token.substring(token.indexOf('|') + 1) : token;
        String system = token.contains("|") ? token.substring(0, token.indexOf('|')) : null;
        if (FhirResources.NEWS2_CODE.equals(code)
            && (system == null || FhirResources.SNOMED.equals(system))) {
          news2 = true;
          continue;
        }
        if (system != null && !system.isEmpty() && !VitalSign.LOINC.equals(system)) {
          throw new Invalid("code: unknown system " + system);
        }
        signs.add(
            VitalSign.byLoinc(code)
                .orElseThrow(() -> new Invalid("code: no observations are kept for " + code)));
      }
    }
    return new ObservationSearch(
        patientId,
        from,
        to,
        signs,
        news2,
        number(count, 100, 1, MAX_COUNT, "_count"),
        number(offset, 0, 0, Integer.MAX_VALUE, "_offset"));
  }

  /** [start, end) of a day or an instant (an instant is a point: end = start). */
  private static Instant[] range(String value) {
    try {
      if (value.length() == 10) {
        Instant start = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Instant[] {start, start.plus(Duration.ofDays(1))};
      }
      Instant t = OffsetDateTime.parse(value).toInstant();
      return new Instant[] {t, t};
    } catch (DateTimeParseException e) {
      throw new Invalid("date must be YYYY-MM-DD or a date-time with a zone: " + value);
    }
  }

  private static int number(String raw, int fallback, int min, int max, String name) {
    if (raw == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v < min || v > max) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new Invalid(name + " must be " + min + ".." + max);
    }
  }
}
