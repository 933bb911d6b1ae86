package ke.childprotection.tasklist;

import java.time.OffsetDateTime;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.engine.EngineBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the task rows true to the engine. Renewing a job's timeout both keeps the app's hold on it and
 * tells whether it still exists: NOT_FOUND means a boundary event (timer, message) interrupted the
 * step, so the task leaves the list. Runs for a case whenever it reaches a new human step, and over
 * all open tasks on a schedule as a safety net.
 */
@Component
class TaskReconciler {
  private static final Logger log = LoggerFactory.getLogger(TaskReconciler.class);

  private final UserTaskRepository tasks;
  private final TaskEngine engine;
  private final CaseTimeline timeline;
  private final TransactionTemplate tx;
  private final EngineBinding binding;

  TaskReconciler(UserTaskRepository tasks, TaskEngine engine, CaseTimeline timeline, TransactionTemplate tx,
      EngineBinding binding) {
    this.binding = binding;
    this.tasks = tasks;
    this.engine = engine;
    this.timeline = timeline;
    this.tx = tx;
  }

  /** A case's tasks may sit in several process instances (call activities): check them all. */
  void reconcileCase(java.util.UUID caseId, long exceptJobKey) {
    binding.engineId().ifPresent(engine -> tasks.findByCaseIdAndEngineIdAndState(caseId, engine, UserTask.State.OPEN)
        .stream()
        .filter(task -> task.getJobKey() != exceptJobKey)
        .forEach(this::check));
  }

  /**
   * Only tasks whose job came from the engine this database belongs to are checked against it: an
   * engine that does not know a job it never had says nothing about that task.
   */
  @Scheduled(fixedDelayString = "${mcc.tasklist.reconcile-interval}", initialDelayString = "${mcc.tasklist.reconcile-interval}")
  void reconcileAll() {
    binding.engineId().ifPresentOrElse(
        engine -> tasks.findByEngineIdAndState(engine, UserTask.State.OPEN).forEach(this::check),
        () -> log.warn("Tasks not reconciled: {}", binding.problem().orElse("")));
  }

  void check(UserTask task) {
    try {
      engine.renew(task.getJobKey());
      OffsetDateTime until = OffsetDateTime.now().plus(engine.jobLock());
      tx.executeWithoutResult(s -> tasks.renewLock(task.getJobKey(), until));
    } catch (TaskEngine.JobGone gone) {
      cancel(task.getJobKey());
    } catch (RuntimeException e) {
      log.warn("could not reconcile task {}: {}", task.getJobKey(), e.getMessage());
    }
  }

  void cancel(long jobKey) {
    try {
      tx.executeWithoutResult(s -> tasks.findById(jobKey).filter(UserTask::isOpen).ifPresent(t -> {
        t.cancel();
        timeline.record(t.getCaseId(), CaseEvent.Kind.STEP_INTERRUPTED, t.getElementId(), t.getName(), "system",
            "interrupted by the process", "job:" + jobKey + ":interrupted");
      }));
    } catch (OptimisticLockingFailureException completedMeanwhile) {
      // A user completed the task while it was being checked: the completion stands.
      log.debug("task {} changed while being reconciled", jobKey);
    }
  }
}
