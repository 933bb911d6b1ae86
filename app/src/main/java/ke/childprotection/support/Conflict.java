package ke.childprotection.support;

/** The request is understood but the resource's state does not allow it now (409). */
public class Conflict extends UserProblem {
  public Conflict(String key, Object... args) {
    super(key, args);
  }
}
