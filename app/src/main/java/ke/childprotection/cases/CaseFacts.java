package ke.childprotection.cases;

import java.time.OffsetDateTime;
import ke.childprotection.tasklist.TaskCompleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the case record's facts in step with the forms that change them. */
@Component
class CaseFacts {
  private final ChildCaseRepository cases;

  CaseFacts(ChildCaseRepository cases) {
    this.cases = cases;
  }

  @EventListener
  void on(TaskCompleted completed) {
    if ("accept-case".equals(completed.formId())) {
      cases.findById(completed.caseId()).ifPresent(c -> c.assignTo(completed.completedBy()));
    }
    if ("search-review".equals(completed.formId()) && "RETURNED".equals(completed.data().get("searchOutcome"))) {
      cases.findById(completed.caseId()).ifPresent(c -> c.located(OffsetDateTime.now()));
    }
    if ("risk-assessment".equals(completed.formId()) && completed.data().get("earlierEpisode") != null) {
      // The caseworker compared the proposed earlier case: linked only when they say it is the same child.
      boolean same = "SAME".equals(completed.data().get("earlierEpisode"));
      cases.findById(completed.caseId()).ifPresent(c -> c.earlierEpisodeDecided(same));
    }
    if ("verify-identity".equals(completed.formId()) && Boolean.FALSE.equals(completed.data().get("identityConfirmed"))) {
      // The child found was not this child: the case is open again and can be reported located again.
      cases.findById(completed.caseId()).ifPresent(ChildCase::stillMissing);
    }
  }
}
