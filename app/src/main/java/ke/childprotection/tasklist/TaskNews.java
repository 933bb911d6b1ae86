package ke.childprotection.tasklist;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import ke.childprotection.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells the tasklist pages open in browsers, as server-sent events, that their list changed: a new
 * step arrived from the engine, a task was claimed, assigned, completed or interrupted. The event
 * carries nothing about the task (the page asks for its own list, which is authorized as usual); it
 * reaches the users who may see the task: the county's staff, the secretariat for its group, the
 * assignee. Told after the change is committed, on a thread of its own, so a slow phone never holds
 * up the engine's job handling. (Users of another app instance learn of it from their page's slow
 * poll.)
 */
@Component
class TaskNews {
  private record Listener(SseEmitter emitter, CurrentUser user) {
    boolean mayHear(UserTask task) {
      return user.worksIn(task.getCountyCode()) || user.username().equals(task.getAssignee())
          || user.isSecretariat() && user.inGroup(task.getCandidateGroups());
    }
  }

  private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
  private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("task-news").factory());
  private final Duration connection;

  TaskNews(@Value("${mcc.tasklist.news-connection}") Duration connection) {
    this.connection = connection;
  }

  SseEmitter listen(CurrentUser user) {
    Listener listener = new Listener(new SseEmitter(connection.toMillis()), user);
    listeners.add(listener);
    listener.emitter().onCompletion(() -> listeners.remove(listener));
    listener.emitter().onTimeout(() -> listeners.remove(listener));
    listener.emitter().onError(e -> listeners.remove(listener));
    sender.execute(() -> send(listener, SseEmitter.event().name("ready").data("").reconnectTime(5000)));
    return listener.emitter();
  }

  /** The task changed (or is new): its listeners hear of it once the change is committed. */
  void changed(UserTask task) {
    Runnable tell = () -> sender.execute(() -> listeners.stream().filter(l -> l.mayHear(task))
        .forEach(l -> send(l, SseEmitter.event().name("tasks").data(""))));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          tell.run();
        }
      });
    } else {
      tell.run();
    }
  }

  int listening() {
    return listeners.size();
  }

  /** A comment now and then keeps proxies and phone networks from closing a quiet connection. */
  @Scheduled(fixedDelayString = "${mcc.tasklist.news-keep-alive}")
  void keepAlive() {
    sender.execute(() -> listeners.forEach(l -> send(l, SseEmitter.event().comment("still here"))));
  }

  @jakarta.annotation.PreDestroy
  void close() {
    sender.shutdownNow();
    listeners.forEach(l -> l.emitter().complete());
  }

  private void send(Listener listener, SseEmitter.SseEventBuilder event) {
    try {
      listener.emitter().send(event);
    } catch (IOException | IllegalStateException gone) {
      listeners.remove(listener);
      try {
        listener.emitter().completeWithError(gone);
      } catch (IllegalStateException alreadyEnded) {
        // the container ended the stream first: nothing is left to end
      }
    }
  }
}
