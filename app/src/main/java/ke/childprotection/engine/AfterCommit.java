package ke.childprotection.engine;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an engine command once the current transaction has committed: the engine hears of a change only
 * if the database kept it. The commands carry message ids (or are idempotent), so a repeat is harmless.
 */
public final class AfterCommit {
  private AfterCommit() {}

  public static void run(Runnable command) {
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        command.run();
      }
    });
  }
}
