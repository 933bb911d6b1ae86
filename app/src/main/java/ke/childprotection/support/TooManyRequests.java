package ke.childprotection.support;

import java.time.Duration;

/** A caller over its limit (429): what it may send again after, in its Retry-After header. */
public class TooManyRequests extends UserProblem {
  private final Duration retryAfter;

  public TooManyRequests(Duration retryAfter, String key, Object... args) {
    super(key, args);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
