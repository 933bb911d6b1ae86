package ke.childprotection.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import ke.childprotection.cases.CaseAccess;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.security.Role;
import ke.childprotection.support.Languages;
import ke.childprotection.support.NotFound;
import ke.childprotection.web.PlainWords;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public alerts of a county as its staff work with them: each approved alert with who approved it
 * and when, whether it is still out, and what may be shown to the public: a poster and a short text to
 * share, only for a child whose publicity was consented to (or the consent overridden by the approving
 * supervisor in the child's best interests), never for a child the secretariat protects.
 */
@Service
public class PublicAlerts {
  public enum State { ACTIVE, WITHDRAWN }

  /** What a poster or a share text shows of the child: both languages are made from it. */
  public record Poster(String caseNumber, String childName, Integer age, String sex, String description,
      OffsetDateTime lastSeenAt, String lastSeenPlace, String place, String contactNumber, boolean found) {}

  public record AlertView(UUID caseId, String caseNumber, String county, String childName, List<String> channels,
      OffsetDateTime publishedAt, String approvedBy, OffsetDateTime approvedAt, boolean consentOverridden,
      State state, OffsetDateTime withdrawnAt, boolean posterShown, boolean foundPoster) {}

  public record ShareText(String english, String kiswahili) {}

  private record Approval(String by, OffsetDateTime at, boolean consentOverridden) {}

  private final JdbcClient db;
  private final ChildCaseRepository cases;
  private final CaseAccess access;
  private final AlertSettings settings;
  private final PlainWords words;
  private final ObjectMapper json;
  private final ZoneId zone;

  PublicAlerts(JdbcClient db, ChildCaseRepository cases, CaseAccess access, AlertSettings settings, PlainWords words,
      ObjectMapper json, @org.springframework.beans.factory.annotation.Value("${mcc.display-time-zone:Africa/Nairobi}") String zone) {
    this.db = db;
    this.cases = cases;
    this.access = access;
    this.settings = settings;
    this.words = words;
    this.json = json;
    this.zone = ZoneId.of(zone);
  }

  /** The alerts of the user's county, newest first; each child listed is audited. */
  @Transactional(readOnly = true)
  public List<AlertView> list(CurrentUser user) {
    requireCountyStaff(user);
    List<UUID> ids = db.sql("""
        select a.case_id from alert a join child_case c on c.id = a.case_id
        where c.county_code = :county group by a.case_id order by min(a.published_at) desc limit 500""")
        .param("county", user.countyCode()).query(UUID.class).list();
    List<AlertView> views = new ArrayList<>();
    for (ChildCase c : cases.findAllById(ids)) {
      views.add(view(user, c));
    }
    views.sort(java.util.Comparator.comparing(AlertView::publishedAt).reversed());
    access.listed(user, ids, "alerts");
    return views;
  }

  /** One alert, read (and audited) as its case is. */
  @Transactional(readOnly = true)
  public AlertView get(CurrentUser user, UUID caseId, String purpose) {
    requireCountyStaff(user);
    ChildCase c = access.read(user, caseId, purpose);
    if (alertsOf(caseId).isEmpty()) {
      throw new NotFound("problem.notFound.alert", caseId);
    }
    return view(user, c);
  }

  /** What the poster of an alert shows; refused when there is no poster to show (withdrawn, no consent, protected). */
  @Transactional(readOnly = true)
  public Poster poster(CurrentUser user, UUID caseId, String purpose) {
    return posterOf(get(user, caseId, purpose));
  }

  /** What the poster of an alert already read shows (no second read of the case, no second audit row). */
  @Transactional(readOnly = true)
  public Poster posterOf(AlertView alert) {
    if (!alert.posterShown()) {
      throw new NotFound("problem.alert.noPoster", alert.caseNumber());
    }
    ChildCase c = cases.findById(alert.caseId()).orElseThrow();
    String name = String.join(" ", java.util.stream.Stream.of(c.getChildFirstName(), c.getChildLastName())
        .filter(n -> n != null && !n.isBlank()).toList());
    return new Poster(c.getCaseNumber(), name, c.getChildAge(), c.getChildSex(), c.getClothingAndMarks(),
        c.getLastSeenAt(), c.getLastSeenPlace(), words.county(c.getCountyCode()), settings.contactFor(c.getCountyCode()),
        alert.state() == State.WITHDRAWN);
  }

  /** The short text to share by SMS, WhatsApp or with the police, in both languages. */
  public ShareText shareText(Poster poster) {
    return new ShareText(share(poster, Languages.ENGLISH), share(poster, Languages.KISWAHILI));
  }

  private String share(Poster p, Locale language) {
    if (p.found()) {
      return words.formatIn(language, "alert.share.found", p.childName(), p.caseNumber());
    }
    String description = p.description() == null || p.description().isBlank() ? ""
        : shorten(p.description(), 80) + ". ";
    return words.formatIn(language, "alert.share.missing", p.childName(), p.age() == null ? "?" : p.age(),
        words.wordIn(language, p.sex()), date(p.lastSeenAt(), language), place(p), description, p.contactNumber(), p.caseNumber());
  }

  /** "30 Nov 2026" in the language given. */
  public String date(OffsetDateTime at, Locale language) {
    return at == null ? "?" : DateTimeFormatter.ofPattern("d MMM yyyy", language).format(at.atZoneSameInstant(zone));
  }

  public static String place(Poster p) {
    return (p.lastSeenPlace() == null ? "" : p.lastSeenPlace() + ", ") + p.place();
  }

  private static String shorten(String text, int most) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= most ? flat : flat.substring(0, most - 1).strip() + "…";
  }

  private AlertView view(CurrentUser user, ChildCase c) {
    List<Map<String, Object>> rows = alertsOf(c.getId());
    OffsetDateTime published = rows.stream().map(r -> (OffsetDateTime) r.get("published_at")).min(OffsetDateTime::compareTo).orElse(null);
    boolean active = rows.stream().anyMatch(r -> r.get("withdrawn_at") == null);
    OffsetDateTime withdrawn = active ? null
        : rows.stream().map(r -> (OffsetDateTime) r.get("withdrawn_at")).max(OffsetDateTime::compareTo).orElse(null);
    Approval approval = approvalOf(c.getId());
    boolean publicity = c.getPseudonym() == null && (c.isConsentPublicity() || (approval != null && approval.consentOverridden()));
    boolean foundPoster = !active && settings.showsFound(c.getCountyCode());
    return new AlertView(c.getId(), c.getCaseNumber(), words.county(c.getCountyCode()), access.view(user, c).childName(),
        rows.stream().map(r -> (String) r.get("channel")).distinct().sorted().toList(), published,
        approval == null ? null : words.person(approval.by()), approval == null ? null : approval.at(),
        approval != null && approval.consentOverridden(), active ? State.ACTIVE : State.WITHDRAWN, withdrawn,
        publicity && (active || foundPoster), foundPoster);
  }

  private List<Map<String, Object>> alertsOf(UUID caseId) {
    return db.sql("select channel, published_at, withdrawn_at from alert where case_id = ?").param(caseId)
        .query((rs, n) -> {
          Map<String, Object> row = new java.util.HashMap<>();
          row.put("channel", rs.getString("channel"));
          row.put("published_at", rs.getObject("published_at", OffsetDateTime.class));
          row.put("withdrawn_at", rs.getObject("withdrawn_at", OffsetDateTime.class));
          return row;
        }).list();
  }

  /** The supervisor's approval: the last approve-alert form submitted on the case. */
  private Approval approvalOf(UUID caseId) {
    return db.sql("""
        select submitted_by, submitted_at, data from form_submission where case_id = ? and form_id = 'approve-alert'
        order by submitted_at desc limit 1""").param(caseId)
        .query((rs, n) -> new Approval(rs.getString("submitted_by"), rs.getObject("submitted_at", OffsetDateTime.class),
            overridden(rs.getString("data")))).optional().orElse(null);
  }

  private boolean overridden(String data) {
    try {
      JsonNode form = json.readTree(data);
      return form.path("alertApproved").asBoolean(false) && form.path("consentOverride").asBoolean(false);
    } catch (Exception e) {
      return false;
    }
  }

  /** Alerts are the county's: its caseworkers and supervisors print and share them. */
  private static void requireCountyStaff(CurrentUser user) {
    if ((user.role() != Role.CASEWORKER && user.role() != Role.SUPERVISOR) || user.countyCode() == null) {
      throw new AccessDeniedException("problem.alert.role");
    }
  }
}
