package ke.childprotection.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Demo logins for trying the system (listed in the README); off in production (mcc.demo-data.enabled). */
@Component
@ConditionalOnProperty(name = "mcc.demo-data.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {
  static final String PASSWORD = "demo1234";
  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  private record Demo(String username, String fullName, Role role, String county) {}

  private static final List<Demo> USERS = List.of(
      new Demo("cw.nairobi", "Demo Children Officer, Nairobi", Role.CASEWORKER, "047"),
      new Demo("cw2.nairobi", "Second Demo Children Officer, Nairobi", Role.CASEWORKER, "047"),
      new Demo("sup.nairobi", "Demo County Children Coordinator, Nairobi", Role.SUPERVISOR, "047"),
      new Demo("cw.mombasa", "Demo Children Officer, Mombasa", Role.CASEWORKER, "001"),
      new Demo("sup.mombasa", "Demo County Children Coordinator, Mombasa", Role.SUPERVISOR, "001"),
      new Demo("panel.nairobi", "Demo Alternative Care Committee, Nairobi", Role.GATEKEEPING_PANEL, "047"),
      new Demo("ctip", "Demo Counter-Trafficking Secretariat", Role.CTIP_SECRETARIAT, null),
      new Demo("admin", "Demo System Administrator", Role.ADMIN, null));

  private final AppUserRepository users;
  private final PasswordEncoder encoder;

  DemoUsers(AppUserRepository users, PasswordEncoder encoder) {
    this.users = users;
    this.encoder = encoder;
  }

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    int added = 0;
    for (Demo demo : USERS) {
      if (!users.existsById(demo.username())) {
        users.save(new AppUser(demo.username(), encoder.encode(PASSWORD), demo.fullName(), demo.role(), demo.county()));
        added++;
      }
    }
    if (added > 0) {
      log.info("Seeded {} demo users (password in README)", added);
    }
  }
}
