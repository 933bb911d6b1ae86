package ke.childprotection.support;

/** An id that does not exist, or that the caller may not know exists (answered 404 either way). */
public class NotFound extends RuntimeException {
  public NotFound(String what) {
    super(what + " not found");
  }
}
