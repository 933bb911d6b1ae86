package ke.childprotection.tasklist;

import java.util.Map;
import java.util.UUID;

/** Published inside the completing transaction: modules that keep case facts from a form listen to it. */
public record TaskCompleted(UUID caseId, String formId, String elementId, String completedBy, Map<String, Object> data) {}
