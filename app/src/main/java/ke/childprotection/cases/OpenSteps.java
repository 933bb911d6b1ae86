package ke.childprotection.cases;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The steps open now on a case, as the tasklist holds them (the tasklist answers; the case page and API show them). */
public interface OpenSteps {
  record Step(long taskId, String name, String elementId, String assignee, OffsetDateTime due) {}

  List<Step> of(UUID caseId);
}
