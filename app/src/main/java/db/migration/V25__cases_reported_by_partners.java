package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A case may now be registered by a partner system (partner:&lt;id&gt;, see V24) as well as by a user:
 * the foreign key from child_case.reported_by to app_user goes. Its name is the database's own (H2 and
 * PostgreSQL name it differently), so it is looked up rather than written here.
 */
public class V25__cases_reported_by_partners extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    DatabaseMetaData meta = connection.getMetaData();
    String table = meta.storesUpperCaseIdentifiers() ? "CHILD_CASE" : "child_case";
    String column = meta.storesUpperCaseIdentifiers() ? "REPORTED_BY" : "reported_by";
    List<String> keys = new ArrayList<>();
    try (ResultSet imported = meta.getImportedKeys(connection.getCatalog(), connection.getSchema(), table)) {
      while (imported.next()) {
        if (column.equals(imported.getString("FKCOLUMN_NAME"))) {
          keys.add(imported.getString("FK_NAME"));
        }
      }
    }
    if (keys.size() != 1) {
      throw new IllegalStateException("expected one foreign key on child_case.reported_by, found " + keys);
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("alter table child_case drop constraint \"" + keys.get(0).replace("\"", "\"\"") + "\"");
    }
  }
}
