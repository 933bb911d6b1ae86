package ke.childprotection.tasklist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ke.childprotection.cases.ChildCase;
import ke.childprotection.cases.ChildCaseRepository;
import ke.childprotection.it.IntegrationTest;
import ke.childprotection.security.CurrentUser;
import ke.childprotection.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The tasklist's views on PostgreSQL: every candidate group counts, due-date order puts undated tasks last. */
@IntegrationTest
class TaskListQueryTest {
  @Autowired TaskService service;
  @Autowired UserTaskRepository tasks;
  @Autowired ChildCaseRepository cases;

  private static final CurrentUser CASEWORKER = new CurrentUser("cw.nairobi", "", "", Role.CASEWORKER, "047", true);
  private static final CurrentUser SUPERVISOR = new CurrentUser("sup.nairobi", "", "", Role.SUPERVISOR, "047", true);
  private static final CurrentUser PANEL = new CurrentUser("panel.nairobi", "", "", Role.GATEKEEPING_PANEL, "047", true);
  private static final CurrentUser OTHER_COUNTY = new CurrentUser("cw.mombasa", "", "", Role.CASEWORKER, "001", true);

  private UUID aCase() {
    ChildCase c = new ChildCase(UUID.randomUUID(), "TEST-" + UUID.randomUUID().toString().substring(0, 8), "047",
        OffsetDateTime.now(), "cw.nairobi");
    c.describeChild("Synthetic", null, "MALE", 10, null);
    c.describeDisappearance(OffsetDateTime.now(), "somewhere", null, null, false, false, null);
    c.recordReporter("Synthetic Reporter", "+254700000009", "PARENT", null, false, false);
    return cases.saveAndFlush(c).getId();
  }

  private long task(long key, UUID caseId, Set<String> groups, OffsetDateTime due) {
    tasks.saveAndFlush(new UserTask("no-engine", key, caseId, "047", 1L, "missing-child-case", "Task_X", "Task " + key, null, null,
        groups, due, null, OffsetDateTime.now().plusDays(30), "{}"));
    return key;
  }

  @Test
  void aTaskOfSeveralGroupsIsOfferedToEachGroupAndNoOther() {
    long shared = task(7_000_001L, aCase(), Set.of("caseworker", "supervisor"), null);
    assertThat(ids(service.list(CASEWORKER, TaskService.View.UNASSIGNED, "due"))).contains(shared);
    assertThat(ids(service.list(SUPERVISOR, TaskService.View.UNASSIGNED, "due"))).contains(shared);
    assertThat(ids(service.list(PANEL, TaskService.View.UNASSIGNED, "due"))).doesNotContain(shared);
    assertThat(ids(service.list(OTHER_COUNTY, TaskService.View.UNASSIGNED, "due"))).doesNotContain(shared);

    service.claim(SUPERVISOR, shared);
    assertThat(ids(service.list(CASEWORKER, TaskService.View.UNASSIGNED, "due"))).doesNotContain(shared);
    assertThat(ids(service.list(SUPERVISOR, TaskService.View.MINE, "due"))).contains(shared);
  }

  @Test
  void dueOrderPutsTheEarliestFirstAndUndatedLast() {
    UUID caseId = aCase();
    OffsetDateTime now = OffsetDateTime.now();
    long undated = task(7_000_010L, caseId, Set.of("gatekeeping-panel"), null);
    long later = task(7_000_011L, caseId, Set.of("gatekeeping-panel"), now.plusHours(5));
    long sooner = task(7_000_012L, caseId, Set.of("gatekeeping-panel"), now.plusHours(1));
    assertThat(ids(service.list(PANEL, TaskService.View.UNASSIGNED, "due"))).containsSubsequence(sooner, later, undated);
    assertThat(ids(service.list(PANEL, TaskService.View.UNASSIGNED, "created"))).containsSubsequence(undated, later, sooner);
  }

  private static List<Long> ids(List<UserTask> list) {
    return list.stream().map(UserTask::getJobKey).toList();
  }
}
