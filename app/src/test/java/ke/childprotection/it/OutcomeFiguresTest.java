package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outcome figures against a known set of cases seeded into two counties (Baringo 030, Laikipia 031)
 * in October 2026: every number, every click-through list, the CSV and the rendered PDF.
 */
@IntegrationTest
class OutcomeFiguresTest {
  private static final String PERIOD = "period=2026-10";
  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  private final Map<String, UUID> seeded = new LinkedHashMap<>();

  private UUID seed(String key, String type, String county, String subCounty, String sex, Integer age, String lastSeen,
      String reported, String located, UUID previous) {
    UUID id = UUID.randomUUID();
    jdbc.update("""
        insert into child_case (id, case_type, case_number, status, county_code, sub_county, child_first_name, child_sex, child_age,
          last_seen_at, last_seen_place, disability_or_medical_need, suspected_abduction, reporter_name, reporter_phone,
          reporter_relationship, consent_publicity, consent_tracing, reported_at, reported_by, located_at, previous_case_id)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, 'synthetic place', false, false, 'Synthetic Reporter', '+254700000009',
          'PARENT', false, false, ?::timestamptz, 'admin', ?::timestamptz, ?)
        """, id, type, "T-" + county + "-" + key + "-" + id.toString().substring(0, 8), located == null ? "OPEN" : "LOCATED", county,
        subCounty, "Seed" + key, sex, age, lastSeen, reported, located, previous);
    seeded.put(key, id);
    return id;
  }

  private void completed(UUID caseId, String elementId, String at) {
    jdbc.update("insert into case_event (case_id, occurred_at, kind, element_id, step_name, actor, county_code) values (?, ?::timestamptz,"
        + " 'STEP_COMPLETED', ?, ?, 'seed', (select county_code from child_case where id = ?))", caseId, at, elementId, elementId, caseId);
  }

  @BeforeEach
  void seedOctober() {
    if (jdbc.queryForObject("select count(*) from child_case where county_code = '030'", Long.class) > 0) {
      seeded.clear();
      jdbc.query("select case_number, id from child_case where case_number like 'T-%'",
          rs -> { seeded.put(rs.getString(1).split("-")[2], rs.getObject(2, UUID.class)); });
      return;
    }
    UUID m1 = seed("M1", "MISSING", "030", "Alpha", "FEMALE", 9, "2026-10-02T20:00+03:00", "2026-10-03T08:00+03:00", "2026-10-03T06:00+03:00", null);
    seed("M2", "MISSING", "030", "Alpha", "MALE", 13, "2026-10-05T00:00+03:00", "2026-10-05T09:00+03:00", "2026-10-09T00:00+03:00", null);
    seed("M3", "MISSING", "030", "Beta", "FEMALE", 16, "2026-10-10T07:00+03:00", "2026-10-10T09:00+03:00", null, null);
    seed("M4", "MISSING", "030", "Beta", "FEMALE", null, "2026-10-20T07:00+03:00", "2026-10-20T09:00+03:00", null, m1);
    seed("M5", "MISSING", "030", "Alpha", "MALE", 4, "2026-09-20T07:00+03:00", "2026-09-20T09:00+03:00", null, null);
    seed("M6", "MISSING", "030", "Beta", "MALE", 10, "2026-10-25T07:00+03:00", "2026-10-25T09:00+03:00", "2026-11-02T10:00+03:00", null);
    UUID f1 = seed("F1", "FOUND", "030", "Beta", "MALE", 7, "2026-10-07T07:00+03:00", "2026-10-07T09:00+03:00", null, null);
    seed("L1", "MISSING", "031", "Gamma", "FEMALE", 12, "2026-10-10T07:00+03:00", "2026-10-10T09:00+03:00", null, null);
    seed("N1", "MISSING", "047", "Kibra", "FEMALE", 12, "2026-10-11T07:00+03:00", "2026-10-11T09:00+03:00", null, null);
    completed(m1, "Task_RecordReunification", "2026-10-15T12:00+03:00");
    completed(f1, "Task_RecordPlacement", "2026-10-21T12:00+03:00");
    completed(seeded.get("M2"), "Task_RecordReunification", "2026-11-03T12:00+03:00");
  }

  private Set<String> ids(String... keys) {
    return java.util.Arrays.stream(keys).map(k -> seeded.get(k).toString()).collect(Collectors.toSet());
  }

  @Test
  void everyFigureEqualsTheCasesBehindItAndEveryListMatchesItsNumber() {
    Api admin = new Api(port, "admin");
    JsonNode figures = admin.ok(admin.get("/api/reports/outcomes?" + PERIOD + "&county=030&by=SUB_COUNTY"));
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    expected.put("REPORTED", ids("M1", "M2", "M3", "M4", "M6"));
    expected.put("FOUND", ids("F1"));
    expected.put("LOCATED", ids("M1", "M2"));
    expected.put("REUNITED", ids("M1"));
    expected.put("PLACED_IN_CARE", ids("F1"));
    expected.put("STILL_MISSING", ids("M3", "M4", "M5", "M6"));
    expected.put("MISSING_AGAIN", ids("M4"));
    for (var measure : expected.entrySet()) {
      assertThat(figures.get("totals").get(measure.getKey()).asLong()).as(measure.getKey()).isEqualTo(measure.getValue().size());
      JsonNode list = admin.ok(admin.get("/api/reports/outcomes/cases?measure=" + measure.getKey() + "&" + PERIOD + "&county=030"));
      assertThat(StreamSupport.stream(list.spliterator(), false).map(c -> c.get("caseId").asText()).collect(Collectors.toSet()))
          .as("the cases behind " + measure.getKey()).isEqualTo(measure.getValue());
    }
    assertThat(figures.get("missingAgainRate").asDouble()).isEqualTo(0.2);
    JsonNode locate = figures.get("timeToLocate");
    assertThat(locate.get("located").asLong()).isEqualTo(2);
    assertThat(locate.get("medianHours").asDouble()).isEqualTo(53.0);
    assertThat(locate.get("distribution").get("under 24 h").asLong()).isEqualTo(1);
    assertThat(locate.get("distribution").get("3-7 days").asLong()).isEqualTo(1);

    // By sub-county, and a breakdown's number clicks through to its own cases.
    Map<String, JsonNode> bySubCounty = StreamSupport.stream(figures.get("groups").spliterator(), false)
        .collect(Collectors.toMap(g -> g.get("group").asText(), g -> g.get("counts")));
    assertThat(bySubCounty.keySet()).containsExactlyInAnyOrder("Alpha", "Beta");
    assertThat(bySubCounty.get("Alpha").get("REPORTED").asLong()).isEqualTo(2);
    assertThat(bySubCounty.get("Alpha").get("STILL_MISSING").asLong()).isEqualTo(1);
    assertThat(bySubCounty.get("Beta").get("REPORTED").asLong()).isEqualTo(3);
    assertThat(bySubCounty.get("Beta").get("PLACED_IN_CARE").asLong()).isEqualTo(1);
    JsonNode beta = admin.ok(admin.get("/api/reports/outcomes/cases?measure=STILL_MISSING&" + PERIOD + "&county=030&subCounty=Beta"));
    assertThat(StreamSupport.stream(beta.spliterator(), false).map(c -> c.get("caseId").asText()).collect(Collectors.toSet()))
        .isEqualTo(ids("M3", "M4", "M6"));
    JsonNode byAge = admin.ok(admin.get("/api/reports/outcomes?" + PERIOD + "&county=030&by=AGE_BAND"));
    Map<String, Long> reportedByAge = StreamSupport.stream(byAge.get("groups").spliterator(), false)
        .collect(Collectors.toMap(g -> g.get("group").asText(), g -> g.get("counts").get("REPORTED").asLong()));
    assertThat(reportedByAge).containsEntry("6-11", 2L).containsEntry("12-14", 1L).containsEntry("15-17", 1L).containsEntry("unknown", 1L);
    JsonNode female = admin.ok(admin.get("/api/reports/outcomes/cases?measure=REPORTED&" + PERIOD + "&county=030&sex=FEMALE&ageBand=15-17"));
    assertThat(female).hasSize(1);
    assertThat(female.get(0).get("caseId").asText()).isEqualTo(seeded.get("M3").toString());

    // The page shows the same numbers, and each opens the same list.
    String page = new String(admin.download("/reports?" + PERIOD + "&county=030&by=SUB_COUNTY").body(), StandardCharsets.UTF_8);
    assertThat(page).containsPattern("data-measure=\"REPORTED\">\\s*<strong>5</strong>")
        .containsPattern("data-measure=\"STILL_MISSING\">\\s*<strong>4</strong>").contains("id=\"chart\"");
    // in Kiswahili, the time-to-locate bands and a breakdown's groups are words of the page's language
    String kiswahili = new String(admin.speaking("sw-KE").download("/reports?" + PERIOD + "&county=030&by=SEX").body(),
        StandardCharsets.UTF_8);
    assertThat(kiswahili).contains("chini ya saa 24: 1").contains("siku 3-7: 1").doesNotContain("under 24 h")
        .doesNotContain(">FEMALE<");
    String list = new String(admin.download("/reports/cases?measure=STILL_MISSING&" + PERIOD + "&county=030&subCounty=Beta").body(), StandardCharsets.UTF_8);
    assertThat(list).contains("<span id=\"count\">3</span>").doesNotContain("SeedM5");

    // "missing until" (a generated column) says what located_at and closed_at say, whatever is recorded
    jdbc.update("update child_case set closed_at = located_at + interval '2 days' where case_number like 'T-030-M1-%'");
    jdbc.update("update child_case set closed_at = timestamptz '2026-10-30T10:00+03:00' where case_number like 'T-030-M3-%'");
    for (String end : List.of("2026-10-01", "2026-10-31", "2026-11-05", "2027-01-01")) {
      assertThat(jdbc.queryForObject("select count(*) from child_case c where c.case_type = 'MISSING' and c.reported_at < ?::timestamptz"
          + " and (c.missing_until is null or c.missing_until >= ?::timestamptz)", Long.class, end, end))
          .as("still missing at " + end).isEqualTo(jdbc.queryForObject("select count(*) from child_case c where c.case_type = 'MISSING'"
              + " and c.reported_at < ?::timestamptz and (c.located_at is null or c.located_at >= ?::timestamptz)"
              + " and (c.closed_at is null or c.closed_at >= ?::timestamptz)", Long.class, end, end, end));
    }
    jdbc.update("update child_case set closed_at = null where case_number like 'T-030-M1-%' or case_number like 'T-030-M3-%'");

    // National: both counties; the county filter narrows it.
    assertThat(admin.ok(admin.get("/api/reports/outcomes?" + PERIOD + "&county=031")).get("totals").get("REPORTED").asLong()).isEqualTo(1);
  }

  @Test
  void theCsvAndThePdfCarryTheCountysFiguresAndNameNoChild() throws Exception {
    Api admin = new Api(port, "admin");
    HttpResponse<byte[]> csv = admin.download("/api/reports/county-report.csv?" + PERIOD + "&county=030");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    String text = new String(csv.body(), StandardCharsets.UTF_8);
    List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(text)).getRecords();
    Map<String, String> totals = rows.stream().filter(r -> r.get("section").equals("Total"))
        .collect(Collectors.toMap(r -> r.get("measure"), r -> r.get("value")));
    assertThat(totals).containsEntry("REPORTED", "5").containsEntry("FOUND", "1").containsEntry("LOCATED", "2")
        .containsEntry("REUNITED", "1").containsEntry("PLACED_IN_CARE", "1").containsEntry("STILL_MISSING", "4")
        .containsEntry("MISSING_AGAIN", "1").containsEntry("MISSING_AGAIN_RATE", "0.200");
    assertThat(rows.stream().filter(r -> r.get("section").equals("By sub-county") && r.get("group").equals("Beta")
        && r.get("measure").equals("REPORTED")).map(r -> r.get("value"))).containsExactly("3");
    assertThat(rows.get(0).get("group")).isEqualTo("Baringo (030)");
    assertThat(text).doesNotContain("SeedM").doesNotContain("Synthetic Reporter");

    HttpResponse<byte[]> pdf = admin.download("/api/reports/county-report.pdf?period=2026-Q4&county=030");
    assertThat(pdf.statusCode()).isEqualTo(200);
    try (PDDocument document = Loader.loadPDF(pdf.body())) {
      BufferedImage page = new PDFRenderer(document).renderImageWithDPI(0, 72);
      assertThat(page.getWidth()).isGreaterThan(page.getHeight());
      long ink = 0;
      for (int x = 0; x < page.getWidth(); x += 2) {
        for (int y = 0; y < page.getHeight(); y += 2) {
          if ((page.getRGB(x, y) & 0xffffff) != 0xffffff) ink++;
        }
      }
      assertThat(ink).as("the rendered page shows something").isGreaterThan(500);
      String shown = new PDFTextStripper().getText(document);
      assertThat(shown).contains("Quarterly summary for the Area Advisory Council, 2026-Q4").contains("Baringo (030)")
          .contains("Reported missing").contains("Alpha").contains("Beta").doesNotContain("SeedM");
      // Q4 so far: the October cases plus M6's November location and M2's November reunification.
      assertThat(shown).containsPattern("Reported missing\\s+5").containsPattern("Missing children located\\s+3");
    }
    // the same report for a reader in Kiswahili: the same figures
    HttpResponse<byte[]> kiswahili = admin.speaking("sw-KE").download("/api/reports/county-report.pdf?period=2026-Q4&county=030");
    try (PDDocument document = Loader.loadPDF(kiswahili.body())) {
      String shown = new PDFTextStripper().getText(document);
      assertThat(shown).contains("Muhtasari wa robo mwaka kwa Baraza la Ushauri la Eneo, 2026-Q4").contains("Kwa kaunti ndogo")
          .containsPattern("Walioripotiwa kupotea\\s+5").containsPattern("Watoto waliopotea waliopatikana\\s+3")
          .doesNotContain("Quarterly").doesNotContain("SeedM");
    }
  }

  @Test
  void aSupervisorSeesOnlyTheirOwnCountysFiguresAndLists() {
    Api nairobi = new Api(port, "sup.nairobi");
    for (String path : List.of("/api/reports/outcomes?" + PERIOD + "&county=030",
        "/api/reports/outcomes/cases?measure=REPORTED&" + PERIOD + "&county=030",
        "/api/reports/county-report.csv?" + PERIOD + "&county=030", "/api/reports/county-report.pdf?" + PERIOD + "&county=030")) {
      assertThat(nairobi.download(path).statusCode()).as(path).isEqualTo(403);
    }
    // Without a filter a supervisor gets their own county: none of the seeded Baringo cases.
    JsonNode own = nairobi.ok(nairobi.get("/api/reports/outcomes/cases?measure=REPORTED&" + PERIOD));
    assertThat(StreamSupport.stream(own.spliterator(), false).map(c -> c.get("caseId").asText()).collect(Collectors.toSet()))
        .isEqualTo(ids("N1"));
    assertThat(nairobi.ok(nairobi.get("/api/reports/outcomes?" + PERIOD)).get("totals").get("REPORTED").asLong()).isEqualTo(1);
    assertThat(new Api(port, "cw.nairobi").get("/api/reports/outcomes?" + PERIOD).status()).isEqualTo(403);
  }
}
