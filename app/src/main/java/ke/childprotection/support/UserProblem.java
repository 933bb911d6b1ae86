package ke.childprotection.support;

/**
 * A problem the user is told about, in their language: the key of its text in the message bundles
 * (i18n/messages*.properties) and the values to put in it. The API's error handler looks the text up
 * in the request's language; the key is what a log shows.
 */
public abstract class UserProblem extends RuntimeException {
  private final transient Object[] args;

  protected UserProblem(String key, Object... args) {
    super(key);
    this.args = args == null ? new Object[0] : args.clone();
  }

  public String key() {
    return getMessage();
  }

  public Object[] args() {
    return args.clone();
  }
}
