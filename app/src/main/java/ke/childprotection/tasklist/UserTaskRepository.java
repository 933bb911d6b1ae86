package ke.childprotection.tasklist;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface UserTaskRepository extends JpaRepository<UserTask, Long> {

  List<UserTask> findByStateAndCountyCodeAndAssignee(UserTask.State state, String county, String assignee, Sort sort);

  @Query("""
      select distinct t from UserTask t join t.candidateGroups g
      where t.state = ke.childprotection.tasklist.UserTask.State.OPEN
        and t.assignee is null and t.countyCode = :county and g = :group
      """)
  List<UserTask> findUnassigned(String county, String group, Sort sort);

  List<UserTask> findByStateAndAssignee(UserTask.State state, String assignee, Sort sort);

  @Query("""
      select distinct t from UserTask t join t.candidateGroups g
      where t.state = ke.childprotection.tasklist.UserTask.State.OPEN and t.assignee is null and g = :group
      """)
  List<UserTask> findUnassignedInGroup(String group, Sort sort);

  List<UserTask> findByCaseIdAndState(UUID caseId, UserTask.State state);

  List<UserTask> findByCaseIdAndEngineIdAndState(UUID caseId, String engineId, UserTask.State state);

  /** Lock renewal is bookkeeping: it does not count as a change of the task (no version bump). */
  @Modifying
  @Query("update UserTask t set t.lockExpiresAt = :until where t.jobKey = :jobKey")
  int renewLock(long jobKey, OffsetDateTime until);

  /** Bookkeeping for rows stored before the element was kept: no version bump. */
  @Modifying
  @Query("update UserTask t set t.elementInstanceKey = :key where t.jobKey = :jobKey and t.elementInstanceKey is null")
  int recordElement(long jobKey, long key);

  List<UserTask> findByEngineIdAndState(String engineId, UserTask.State state);

  List<UserTask> findByStateAndDueAtBeforeAndOverdueNotifiedAtIsNull(UserTask.State state, OffsetDateTime now);

  /** Bookkeeping, like the lock: no version bump, so it never collides with a user's claim or completion. */
  @Modifying
  @Query("update UserTask t set t.overdueNotifiedAt = :at where t.jobKey = :jobKey")
  int markOverdueNotified(long jobKey, OffsetDateTime at);
}
