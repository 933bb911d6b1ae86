package ke.childprotection.cases;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps the case record's facts in step with the forms that change them: the tasklist tells it of each
 * form completed, inside the completing transaction.
 */
@Component
public class CaseFacts {
  private final ChildCaseRepository cases;

  CaseFacts(ChildCaseRepository cases) {
    this.cases = cases;
  }

  public void formCompleted(UUID caseId, String formId, String completedBy, Map<String, Object> data) {
    if ("accept-case".equals(formId)) {
      cases.findById(caseId).ifPresent(c -> c.assignTo(completedBy));
    }
    if ("search-review".equals(formId) && "RETURNED".equals(data.get("searchOutcome"))) {
      cases.findById(caseId).ifPresent(c -> c.located(OffsetDateTime.now()));
    }
    if ("risk-assessment".equals(formId) && data.get("earlierEpisode") != null) {
      // The caseworker compared the proposed earlier case: linked only when they say it is the same child.
      boolean same = "SAME".equals(data.get("earlierEpisode"));
      cases.findById(caseId).ifPresent(c -> c.earlierEpisodeDecided(same));
    }
    if ("verify-identity".equals(formId) && Boolean.TRUE.equals(data.get("identityConfirmed"))) {
      // the family (when the reporter agreed) may now be told that the child was found
      cases.findById(caseId).ifPresent(c -> c.identityConfirmed(OffsetDateTime.now()));
    }
    if ("verify-identity".equals(formId) && Boolean.FALSE.equals(data.get("identityConfirmed"))) {
      // The child found was not this child: the case is open again and can be reported located again.
      cases.findById(caseId).ifPresent(ChildCase::stillMissing);
    }
  }
}
