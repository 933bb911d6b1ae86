package ke.childprotection.support;

/** An id that does not exist, or that the caller may not know exists (answered 404 either way). */
public class NotFound extends UserProblem {
  public NotFound(String key, Object... args) {
    super(key, args);
  }
}
