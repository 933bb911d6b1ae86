package ke.childprotection.support;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The 47 counties (reference data the migrations load): read once, then answered from memory. */
@Component
public class Counties {
  private final JdbcClient jdbc;
  private volatile List<Map.Entry<String, String>> byName;

  Counties(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Code and name of each county, by name. */
  public List<Map.Entry<String, String>> byName() {
    if (byName == null) {
      byName = jdbc.sql("select code, name from county order by name")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list();
    }
    return byName;
  }

  /** Whether a code is one of the counties. */
  public boolean exists(String code) {
    return byName().stream().anyMatch(c -> c.getKey().equals(code));
  }
}
