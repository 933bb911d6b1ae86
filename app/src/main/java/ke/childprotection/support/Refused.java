package ke.childprotection.support;

import org.springframework.security.access.AccessDeniedException;

/** Access refused (403) with values for its text: the key of the text in the bundles and what to put in it. */
public class Refused extends AccessDeniedException {
  private final transient Object[] args;

  public Refused(String key, Object... args) {
    super(key);
    this.args = args == null ? new Object[0] : args.clone();
  }

  public Object[] args() {
    return args.clone();
  }
}
