package ke.childprotection.support;

/** The request is understood but the resource's state does not allow it now (409). */
public class Conflict extends RuntimeException {
  public Conflict(String message) {
    super(message);
  }
}
