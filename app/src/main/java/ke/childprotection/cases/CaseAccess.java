package ke.childprotection.cases;

import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.security.Role;
import ke.childprotection.support.NotFound;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one gate to a child's record: a user reads a case of their own county (role permitting), the
 * secretariat a case escalated to it, and every read is audited. A case the user may not read is answered
 * as not found. Once the secretariat pseudonymises a child, only the secretariat and the assigned
 * caseworker see who the child is; everyone else sees the pseudonym (see {@link CaseView}).
 */
@Component
public class CaseAccess {
  private final ChildCaseRepository cases;
  private final AuditLog audit;
  private final org.springframework.jdbc.core.simple.JdbcClient db;

  CaseAccess(ChildCaseRepository cases, AuditLog audit, org.springframework.jdbc.core.simple.JdbcClient db) {
    this.cases = cases;
    this.audit = audit;
    this.db = db;
  }

  /**
   * The cases the user may list: county staff those of their own county; the secretariat the cases
   * escalated to it, nationwide, and nothing else.
   */
  @Transactional(readOnly = true)
  public java.util.List<ChildCase> casesOf(CurrentUser user) {
    if (user.isSecretariat()) {
      return cases.findByTraffickingReferralIdIsNotNullOrderByReportedAtDesc();
    }
    if (!user.worksIn(user.countyCode())) {
      return java.util.List.of();
    }
    if (user.role() == Role.GATEKEEPING_PANEL) {
      return cases.findAllById(db.sql("""
          select distinct t.case_id from user_task t join user_task_candidate_group g on g.job_key = t.job_key
          where t.county_code = :county and g.group_name = :panel""").param("county", user.countyCode())
          .param("panel", Role.GATEKEEPING_PANEL.group()).query(UUID.class).list()).stream()
          .sorted(java.util.Comparator.comparing(ChildCase::getReportedAt).reversed()).toList();
    }
    return cases.findByCountyCodeOrderByReportedAtDesc(user.countyCode());
  }

  /** Whether the user may see who the child is: name, photo, documents, relatives, reporter. */
  public boolean seesIdentity(CurrentUser user, ChildCase c) {
    return seesIdentity(user, c.getPseudonym(), c.getCaseworker());
  }

  private static boolean seesIdentity(CurrentUser user, String pseudonym, String caseworker) {
    return pseudonym == null || user.isSecretariat() || user.username().equals(caseworker);
  }

  /**
   * Whether the user may open the case at all: county staff of its county (the gatekeeping panel only a
   * case referred to it: one that has had a panel task), or the secretariat once it is escalated.
   */
  public boolean mayRead(CurrentUser user, ChildCase c) {
    if (user.role() == Role.GATEKEEPING_PANEL) {
      return user.worksIn(c.getCountyCode()) && referredToPanel(c.getId());
    }
    return user.worksIn(c.getCountyCode()) || (user.isSecretariat() && c.getTraffickingReferralId() != null);
  }

  private boolean referredToPanel(UUID caseId) {
    return db.sql("""
        select count(*) from user_task t join user_task_candidate_group g on g.job_key = t.job_key
        where t.case_id = :id and g.group_name = :panel""").param("id", caseId).param("panel", Role.GATEKEEPING_PANEL.group())
        .query(Long.class).single() > 0;
  }

  /** The case as this user may see it: a protected child by pseudonym, without identifying details. */
  public CaseView view(CurrentUser user, ChildCase c) {
    return CaseView.of(c, seesIdentity(user, c));
  }

  /** {@link #read}, for a purpose that shows the child's identity: refused (403) to those it is hidden from. */
  @Transactional(readOnly = true)
  public ChildCase readIdentity(CurrentUser user, UUID caseId, String purpose) {
    ChildCase found = read(user, caseId, purpose);
    if (!seesIdentity(user, found)) {
      throw new AccessDeniedException("problem.identityProtected");
    }
    return found;
  }

  @Transactional(readOnly = true)
  public ChildCase read(CurrentUser user, UUID caseId, String purpose) {
    java.util.Optional<ChildCase> exists = cases.findById(caseId);
    if (exists.isPresent() && !mayRead(user, exists.get())) {
      audit.refused(user.username(), caseId, "refused: " + purpose);
    }
    ChildCase found = exists.filter(c -> mayRead(user, c)).orElseThrow(() -> new NotFound("problem.notFound.case", caseId));
    audit.read(user.username(), caseId, purpose);
    return found;
  }

  /**
   * What a list shows of a case (a dashboard's click-through, a report's table), read in the list's own
   * query with {@link #LISTED_COLUMNS} from {@code child_case c} rather than as whole records.
   */
  public record Listed(UUID id, String caseNumber, String countyCode, String firstName, String lastName, String pseudonym,
      String caseworker) {
    /** Reads the columns of {@link #LISTED_COLUMNS}, starting at the given column. */
    public static Listed of(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
      return new Listed(rs.getObject(first, UUID.class), rs.getString(first + 1), rs.getString(first + 2), rs.getString(first + 3),
          rs.getString(first + 4), rs.getString(first + 5), rs.getString(first + 6));
    }
  }

  /** The columns of {@link Listed}, of {@code child_case c}. */
  public static final String LISTED_COLUMNS =
      "c.id, c.case_number, c.county_code, c.child_first_name, c.child_last_name, c.pseudonym, c.caseworker";

  /** The child's name as this user may be shown it in a list (the pseudonym when the identity is hidden). */
  public String nameIn(CurrentUser user, Listed c) {
    return CaseView.childName(c.firstName(), c.lastName(), c.pseudonym(), seesIdentity(user, c.pseudonym(), c.caseworker()));
  }

  /** Records that the user was shown these cases in a list (name, number or status of each child). */
  public void listed(CurrentUser user, java.util.Collection<UUID> caseIds, String purpose) {
    new java.util.LinkedHashSet<>(caseIds).forEach(id -> audit.read(user.username(), id, "listed: " + purpose));
  }
}
