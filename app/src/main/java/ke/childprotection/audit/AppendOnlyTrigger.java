package ke.childprotection.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.Trigger;

/**
 * H2's form of the audit trail's append-only rule (PostgreSQL has it as a PL/pgSQL trigger): no row is
 * deleted, and a row is only ever sealed (its chain place and hash set once), never changed.
 * Columns: id, occurred_at, username, action, case_id, detail, seq, hash.
 */
public class AppendOnlyTrigger implements Trigger {
  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    if (newRow == null) {
      throw new SQLException("audit_log is append-only: rows cannot be deleted");
    }
    boolean sealing = oldRow[7] == null && newRow[7] != null && newRow[6] != null;
    for (int i = 0; i < 6; i++) {
      if (!Objects.equals(oldRow[i], newRow[i])) {
        sealing = false;
      }
    }
    if (!sealing) {
      throw new SQLException("audit_log is append-only: a row is only sealed, never changed");
    }
  }
}
