package ke.childprotection.support;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gap-free numbers (case and referral numbers): the counter is advanced in the transaction that uses
 * the number, so a number is kept if and only if what it numbers is, and a crash skips none. Concurrent
 * registrations wait for each other on the counter's row for the rest of their (short) transaction.
 */
@Component
public class Counters {
  private final JdbcClient db;

  Counters(JdbcClient db) {
    this.db = db;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public long next(String name) {
    if (db.sql("update number_counter set last_value = last_value + 1 where name = :name").param("name", name).update() != 1) {
      throw new IllegalStateException("no counter " + name);
    }
    return db.sql("select last_value from number_counter where name = :name").param("name", name).query(Long.class).single();
  }
}
