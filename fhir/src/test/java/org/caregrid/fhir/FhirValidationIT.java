package org.caregrid.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.auth.ApiTokens;
import org.caregrid.dashboard.auth.Passwords;
import org.caregrid.dashboard.auth.StaffUsers;
import org.caregrid.dashboard.testing.TestDashboard;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of resource the FHIR endpoint serves, fetched over HTTP as a doctor's system would and
 * validated with HAPI FHIR's validator against R4 and, for vital signs, the vital-signs profile:
 * offline (R4's own definitions and in-memory terminology, no terminology server), zero errors. A
 * doctor sees only the residents signed with them.
 */
class FhirValidationIT {
  private static final String VITALSIGNS = "http://hl7.org/fhir/StructureDefinition/vitalsigns";

  private static TestDashboard dashboard;
  private static FhirValidator validator;
  private static String tokenA;
  private static String tokenB;
  private static int signedWithA;
  private static int signedWithB;
  private static Instant hour;

  @BeforeAll
  static void start() throws SQLException {
    dashboard =
        TestDashboard.start(
            (node, role) ->
                new FhirApi(
                    node.node().vertx(),
                    node.dataSource(),
                    node.node().db(),
                    role.staffAuth().bearerOnly(),
                    Clock.systemUTC()));
    DataSource db = dashboard.node().dataSource();
    RegistryFixture registry = new RegistryFixture(db);
    registry.station("C1", "community", 0, 40.6, 109.9, 5);
    StaffUsers users = new StaffUsers(db, new Passwords(4));
    int doctorA =
        users.createDoctor(
            "dr.a", "Dr Li Ming", "Qingshan clinic", "0472-1234567", "dr-a-password");
    int doctorB = users.createDoctor("dr.b", "Dr Zhao Hua", "Youyi clinic", "", "dr-b-password");
    ApiTokens tokens = new ApiTokens(db);
    tokenA = tokens.issue("dr.a", "Qingshan clinic EHR", null);
    tokenB = tokens.issue("dr.b", "Youyi clinic EHR", null);
    signedWithA = registry.resident("王桂兰", 40.6, 109.9);
    signedWithB = registry.resident("李建国", 40.6, 109.9);
    Sql.execute(
        db,
        "UPDATE resident SET birth_year = 1941, family_doctor_id = "
            + doctorA
            + " WHERE id = "
            + signedWithA);
    Sql.execute(
        db, "UPDATE resident SET family_doctor_id = " + doctorB + " WHERE id = " + signedWithB);
    int bed = registry.device("bed-f1", DeviceKind.CARE_BED, signedWithA).key();
    int vitals = registry.device("vit-f1", DeviceKind.VITALS_MONITOR, signedWithA).key();
    hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
    for (int h = 0; h < 3; h++) {
      Instant at = hour.plus(h, ChronoUnit.HOURS);
      rollup(db, at, bed, Metric.HR, 360, 72 + h);
      rollup(db, at, bed, Metric.RR, 360, 15);
      rollup(db, at, vitals, Metric.SPO2, 1, 96);
      rollup(db, at, vitals, Metric.TEMP, 1, 36.8);
      rollup(db, at, vitals, Metric.SBP, 1, 128);
      if (h != 1) {
        rollup(db, at, vitals, Metric.DBP, 1, 82);
      }
    }
    rollup(db, hour, vitals, Metric.WEIGHT, 1, 61.5);
    FhirContext ctx = FhirContext.forR4();
    ValidationSupportChain chain =
        new ValidationSupportChain(
            new DefaultProfileValidationSupport(ctx),
            new CommonCodeSystemsTerminologyService(ctx),
            new InMemoryTerminologyServerValidationSupport(ctx),
            new SnapshotGeneratingValidationSupport(ctx));
    validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  private static void rollup(
      DataSource db, Instant bucket, int device, Metric metric, int n, double mean)
      throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO reading_1h (bucket, device_id, metric, n, sum, min, max)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setObject(1, bucket.atOffset(java.time.ZoneOffset.UTC));
      ps.setInt(2, device);
      ps.setShort(3, metric.dbCode());
      ps.setInt(4, n);
      ps.setDouble(5, mean * n);
      ps.setDouble(6, mean);
      ps.setDouble(7, mean);
      ps.executeUpdate();
    }
  }

  @AfterAll
  static void stop() {
    dashboard.close();
  }

  private static HttpResponse<String> get(String token, String path) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + dashboard.port() + "/fhir/r4" + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonObject fetch(String token, String path) throws Exception {
    HttpResponse<String> r = get(token, path);
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/fhir+json"));
    return new JsonObject(r.body());
  }

  /** Validates against R4 (and the profiles the resource declares), plus {@code profiles}. */
  private static void assertValid(JsonObject resource, String... profiles) {
    ValidationOptions options = new ValidationOptions();
    for (String p : profiles) {
      options.addProfile(p);
    }
    ValidationResult result = validator.validateWithResult(resource.encode(), options);
    List<SingleValidationMessage> errors =
        result.getMessages().stream()
            .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
            .collect(Collectors.toList());
    assertThat(errors)
        .as(
            "%s %s: %s",
            resource.getString("resourceType"),
            resource.getString("id"),
            errors.stream()
                .map(m -> m.getLocationString() + " " + m.getMessage())
                .collect(Collectors.joining("; ")))
        .isEmpty();
  }

  private static List<JsonObject> entries(JsonObject bundle) {
    List<JsonObject> resources = new ArrayList<>();
    JsonArray entry = bundle.getJsonArray("entry", new JsonArray());
    for (int i = 0; i < entry.size(); i++) {
      resources.add(entry.getJsonObject(i).getJsonObject("resource"));
    }
    return resources;
  }

  @Test
  void aPatientReadIsValidR4() throws Exception {
    JsonObject patient = fetch(tokenA, "/Patient/" + signedWithA);

    assertValid(patient);
    assertThat(patient.getString("birthDate")).isEqualTo("1941");
    assertThat(patient.getJsonArray("name").getJsonObject(0).getString("text")).isEqualTo("王桂兰");
  }

  @Test
  void theDoctorsPatientsAreAValidSearchset() throws Exception {
    JsonObject bundle = fetch(tokenA, "/Patient");

    assertValid(bundle);
    assertThat(bundle.getString("type")).isEqualTo("searchset");
    assertThat(entries(bundle))
        .extracting(p -> p.getString("id"))
        .containsExactly(Integer.toString(signedWithA));
  }

  @Test
  void everyVitalSignAndNews2AreValidAgainstTheVitalSignsProfile() throws Exception {
    String date = "&date=ge" + hour + "&date=lt" + hour.plus(3, ChronoUnit.HOURS);
    JsonObject bundle =
        fetch(tokenA, "/Observation?patient=Patient/" + signedWithA + date.replace("+", "%2B"));

    assertValid(bundle);
    List<JsonObject> observations = entries(bundle);
    // 3 hours of hr, rr, spo2, temp, bp and NEWS2, and one weight
    assertThat(observations).hasSize(3 * 6 + 1);
    assertThat(bundle.getInteger("total")).isEqualTo(19);
    for (JsonObject o : observations) {
      if (o.containsKey("meta")) {
        assertValid(o, VITALSIGNS);
      } else {
        assertValid(o);
        assertThat(
                o.getJsonObject("code").getJsonArray("coding").getJsonObject(0).getString("code"))
            .isEqualTo(FhirResources.NEWS2_CODE);
      }
    }
    JsonObject hr =
        observations.stream()
            .filter(o -> o.getString("id").endsWith("-hr-" + hour.getEpochSecond() / 3600))
            .findFirst()
            .orElseThrow();
    assertThat(hr.getJsonObject("valueQuantity").getString("code")).isEqualTo("/min");
    assertThat(hr.getJsonObject("valueQuantity").getDouble("value")).isEqualTo(72.0);
  }

  @Test
  void aSearchByCodeAndAReadOfOneObservationAreValid() throws Exception {
    String date = "&date=ge" + hour.toString().replace("+", "%2B");
    JsonObject bp =
        fetch(
            tokenA,
            "/Observation?patient=" + signedWithA + "&code=http://loinc.org%7C85354-9" + date);
    JsonObject paged =
        fetch(
            tokenA, "/Observation?patient=" + signedWithA + "&code=8867-4,9279-1&_count=2" + date);

    assertValid(bp);
    assertThat(entries(bp)).hasSize(3);
    // the hour without a diastolic reading says so
    assertThat(
            entries(bp)
                .get(1)
                .getJsonArray("component")
                .getJsonObject(1)
                .containsKey("dataAbsentReason"))
        .isTrue();
    assertValid(paged);
    assertThat(entries(paged)).hasSize(2);
    assertThat(paged.getInteger("total")).isEqualTo(6);
    assertThat(paged.getJsonArray("link").encode()).contains("\"next\"").contains("_offset=2");
    String id = entries(bp).get(0).getString("id");
    JsonObject one = fetch(tokenA, "/Observation/" + id);
    assertValid(one, VITALSIGNS);
    assertValid(fetch(null, "/metadata"));
  }

  @Test
  void aDoctorSeesOnlyTheResidentsSignedWithThem() throws Exception {
    HttpResponse<String> other = get(tokenA, "/Patient/" + signedWithB);
    HttpResponse<String> otherVitals = get(tokenA, "/Observation?patient=" + signedWithB);
    HttpResponse<String> noToken = get(null, "/Patient/" + signedWithA);
    HttpResponse<String> wrongDoctor = get(tokenB, "/Observation?patient=" + signedWithA);

    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(otherVitals.statusCode()).isEqualTo(404);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(wrongDoctor.statusCode()).isEqualTo(404);
    assertThat(other.body()).doesNotContain("李建国");
    assertValid(new JsonObject(other.body()));
    assertValid(new JsonObject(noToken.body()));
    assertThat(fetch(tokenB, "/Patient/" + signedWithB).getString("id"))
        .isEqualTo(Integer.toString(signedWithB));
  }

  @Test
  void aSearchThatFindsNothingIsAValidEmptySearchset() throws Exception {
    JsonObject none = fetch(tokenA, "/Observation?patient=" + signedWithA + "&date=2020-01-01");

    assertValid(none);
    assertThat(none.getInteger("total")).isZero();
    assertThat(none.containsKey("entry")).isFalse();
  }

  @Test
  void aBadSearchIsAValidOperationOutcome() throws Exception {
    HttpResponse<String> r = get(tokenA, "/Observation?patient=" + signedWithA + "&date=yesterday");

    assertThat(r.statusCode()).isEqualTo(400);
    assertValid(new JsonObject(r.body()));
  }
}
