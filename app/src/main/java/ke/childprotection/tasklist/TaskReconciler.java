package ke.childprotection.tasklist;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import ke.childprotection.cases.CaseEvent;
import ke.childprotection.cases.CaseTimeline;
import ke.childprotection.engine.EngineBinding;
import ke.childprotection.engine.EngineMirror;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the task rows true to the engine, at a cost that follows what changes rather than how many
 * tasks are open:
 * <ul>
 *   <li>a step the engine terminated (a boundary timer or message, a cancelled process) leaves the list
 *       as soon as the engine's mirror reads it ({@link #terminated});
 *   <li>the app holds each user-task job for {@code mcc.tasklist.job-lock} (a day) and renews, in
 *       batches, only the holds in the second half of their time;
 *   <li>a check on a timer looks, in the database, for what the mirror may have missed: an open task whose
 *       step is no longer active (asked of the engine one by one, they are few), and a user-task job the
 *       engine handed out that never became a task (the app stopped in between, a lost response), which
 *       the engine is told to hand out again.
 * </ul>
 * Against a Camunda 8 cluster there is no mirror: every open task is asked of the engine on the timer.
 */
@Component
class TaskReconciler implements EngineMirror.ElementsTerminated {
  private static final Logger log = LoggerFactory.getLogger(TaskReconciler.class);
  private static final int BATCH = 500;

  private final UserTaskRepository tasks;
  private final TaskEngine engine;
  private final CaseTimeline timeline;
  private final TransactionTemplate tx;
  private final EngineBinding binding;
  private final JdbcClient db;
  private final ObjectProvider<EngineMirror> mirror;
  private final Duration lostJobGrace;
  private final MeterRegistry meters;
  private final TaskNews news;
  /** Jobs of active user-task steps seen without a task row, and since when (this app's clock). */
  private final Map<Long, java.time.Instant> unstoredSince = new java.util.HashMap<>();

  TaskReconciler(UserTaskRepository tasks, TaskEngine engine, CaseTimeline timeline, TransactionTemplate tx,
      EngineBinding binding, JdbcClient db, ObjectProvider<EngineMirror> mirror,
      @Value("${mcc.tasklist.lost-job-grace}") Duration lostJobGrace, MeterRegistry meters, TaskNews news) {
    this.news = news;
    this.binding = binding;
    this.tasks = tasks;
    this.engine = engine;
    this.timeline = timeline;
    this.tx = tx;
    this.db = db;
    this.mirror = mirror;
    this.lostJobGrace = lostJobGrace;
    this.meters = meters;
  }

  /** True when the engine's log tells this app which steps ended (the in-process engine, its whole history read). */
  boolean mirrored() {
    EngineMirror m = mirror.getIfAvailable();
    return m != null && m.isComplete();
  }

  /** The mirror read that these element instances were terminated: their open tasks leave the list. */
  @Override
  public void terminated(List<Long> elementInstanceKeys) {
    for (int i = 0; i < elementInstanceKeys.size(); i += BATCH) {
      db.sql("select job_key from user_task where state = 'OPEN' and element_instance_key in (:keys)")
          .param("keys", elementInstanceKeys.subList(i, Math.min(elementInstanceKeys.size(), i + BATCH)))
          .query(Long.class).list().forEach(jobKey -> cancel(jobKey, FoundBy.MIRROR));
    }
  }

  /**
   * Without a mirror, a case's tasks are checked when it reaches a new human step (they may sit in
   * several process instances: call activities).
   */
  void reconcileCase(java.util.UUID caseId, long exceptJobKey) {
    if (mirrored()) {
      return;
    }
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
    binding.engineId().ifPresentOrElse(engineId -> {
      renewExpiring(engineId);
      if (mirrored()) {
        checkEnded(engineId);
        handOutLost();
      } else {
        tasks.findByEngineIdAndState(engineId, UserTask.State.OPEN).forEach(this::check);
      }
      meters.counter("mcc.tasklist.reconcile.rounds").increment();
    }, () -> log.warn("Tasks not reconciled: {}", binding.problem().orElse("")));
  }

  /** Renews the holds past half their time, the nearest to expiry first, in batches. */
  void renewExpiring(String engineId) {
    OffsetDateTime due = OffsetDateTime.now().plus(engine.jobLock().dividedBy(2));
    while (true) {
      List<Long> expiring = db.sql("""
          select job_key from user_task where engine_id = :engine and state = 'OPEN' and lock_expires_at < :due
          order by lock_expires_at limit :batch
          """).param("engine", engineId).param("due", due).param("batch", BATCH).query(Long.class).list();
      if (expiring.isEmpty()) {
        return;
      }
      OffsetDateTime until = OffsetDateTime.now().plus(engine.jobLock());
      Map<TaskEngine.Renewal, List<Long>> outcome = engine.renewAll(expiring).entrySet().stream().collect(
          java.util.stream.Collectors.groupingBy(Map.Entry::getValue,
              java.util.stream.Collectors.mapping(Map.Entry::getKey, java.util.stream.Collectors.toList())));
      List<Long> renewed = outcome.getOrDefault(TaskEngine.Renewal.RENEWED, List.of());
      if (!renewed.isEmpty()) {
        tx.executeWithoutResult(s -> db.sql("update user_task set lock_expires_at = :until where job_key in (:keys)")
            .param("until", until).param("keys", renewed).update());
        meters.counter("mcc.tasklist.reconciled", "outcome", "renewed", "by", "renewal").increment(renewed.size());
      }
      outcome.getOrDefault(TaskEngine.Renewal.GONE, List.of()).forEach(jobKey -> cancel(jobKey, FoundBy.RENEWAL));
      List<Long> failed = outcome.getOrDefault(TaskEngine.Renewal.FAILED, List.of());
      if (!failed.isEmpty()) {
        log.warn("could not renew {} task holds (tried again next round)", failed.size());
      }
      if (expiring.size() < BATCH || !failed.isEmpty()) {
        return;
      }
    }
  }

  /** Open tasks whose step the mirror no longer lists as active (a termination it read before the task was stored). */
  private void checkEnded(String engineId) {
    db.sql("""
        select t.job_key from user_task t
        where t.engine_id = :engine and t.state = 'OPEN' and t.element_instance_key is not null and t.created_at < :before
          and not exists (select 1 from engine_element e where e.element_instance_key = t.element_instance_key)
        limit :batch
        """).param("engine", engineId).param("before", OffsetDateTime.now().minus(lostJobGrace)).param("batch", BATCH)
        .query(Long.class).list()
        .forEach(jobKey -> tasks.findById(jobKey).ifPresent(this::check));
  }

  /**
   * User-task jobs of active steps that never became a task row: once one has been seen so for
   * lost-job-grace (by this app's clock: the engine's may run ahead in tests), the engine hands it out again.
   */
  private void handOutLost() {
    List<Long> unstored = db.sql("""
        select e.job_key from engine_element e
        where e.element_type = 'USER_TASK' and e.job_key is not null
          and not exists (select 1 from user_task t where t.job_key = e.job_key)
        order by e.activated_at limit :batch
        """).param("batch", BATCH).query(Long.class).list();
    java.time.Instant now = java.time.Instant.now();
    unstoredSince.keySet().retainAll(unstored);
    for (Long jobKey : unstored) {
      java.time.Instant since = unstoredSince.computeIfAbsent(jobKey, k -> now);
      if (!since.plus(lostJobGrace).isAfter(now) && engine.handOutAgain(jobKey)) {
        unstoredSince.remove(jobKey);
        log.info("user-task job {} was handed out but never stored: handed out again", jobKey);
        meters.counter("mcc.tasklist.reconciled", "outcome", "handed-out-again", "by", "check").increment();
      }
    }
  }

  void check(UserTask task) {
    try {
      engine.renew(task.getJobKey());
      OffsetDateTime until = OffsetDateTime.now().plus(engine.jobLock());
      tx.executeWithoutResult(s -> tasks.renewLock(task.getJobKey(), until));
    } catch (TaskEngine.JobGone gone) {
      cancel(task.getJobKey(), FoundBy.CHECK);
    } catch (RuntimeException e) {
      log.warn("could not reconcile task {}: {}", task.getJobKey(), e.getMessage());
    }
  }

  /**
   * How a task was found gone, with what its case's timeline says: the engine's record of the step's
   * termination, or its answer at a completion, says the process interrupted it; a check or a renewal
   * learns only that the job is no longer open.
   */
  private enum FoundBy {
    MIRROR("interrupted by the process"), COMPLETION("interrupted by the process"),
    CHECK("no longer open in the engine"), RENEWAL("no longer open in the engine");

    private final String detail;

    FoundBy(String detail) {
      this.detail = detail;
    }

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  void cancel(long jobKey) {
    cancel(jobKey, FoundBy.COMPLETION);
  }

  private void cancel(long jobKey, FoundBy foundBy) {
    try {
      boolean cancelled = Boolean.TRUE.equals(tx.execute(s -> tasks.findById(jobKey).filter(UserTask::isOpen).map(t -> {
        t.cancel();
        timeline.record(t.getCaseId(), CaseEvent.Kind.STEP_INTERRUPTED, t.getElementId(), t.getName(), "system",
            foundBy.detail, "job:" + jobKey + ":interrupted");
        news.changed(t);
        return true;
      }).orElse(false)));
      if (cancelled) {
        meters.counter("mcc.tasklist.reconciled", "outcome", "cancelled", "by", foundBy.tag()).increment();
      }
    } catch (OptimisticLockingFailureException completedMeanwhile) {
      // A user completed the task while it was being checked: the completion stands.
      log.debug("task {} changed while being reconciled", jobKey);
    }
  }
}
