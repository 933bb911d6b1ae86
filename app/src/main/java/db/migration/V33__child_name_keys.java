package db.migration;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import ke.childprotection.cases.NameKeys;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The keys matching finds a record by ({@link NameKeys}), one row each, indexed by key; the records
 * already kept get theirs here (computed in Java: the same Double Metaphone as the matcher's).
 */
public class V33__child_name_keys extends BaseJavaMigration {
  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute("""
          create table child_name_key (
            case_id uuid not null references child_case (id) on delete cascade,
            name_key varchar(8) not null,
            primary key (case_id, name_key))""");
      ddl.execute("create index child_name_key_by_key on child_name_key (name_key, case_id)");
    }
    try (Statement select = connection.createStatement();
         PreparedStatement insert = connection.prepareStatement("insert into child_name_key (case_id, name_key) values (?, ?)")) {
      select.setFetchSize(1000);
      try (ResultSet rs = select.executeQuery("""
          select id, child_first_name, child_last_name from child_case
          where child_first_name is not null or child_last_name is not null""")) {
        int pending = 0;
        while (rs.next()) {
          UUID id = rs.getObject(1, UUID.class);
          for (String key : NameKeys.of(rs.getString(2), rs.getString(3))) {
            insert.setObject(1, id);
            insert.setString(2, key);
            insert.addBatch();
            if (++pending % 1000 == 0) {
              insert.executeBatch();
            }
          }
        }
        insert.executeBatch();
      }
    }
  }
}
