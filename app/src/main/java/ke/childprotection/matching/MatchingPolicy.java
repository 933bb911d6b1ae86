package ke.childprotection.matching;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How found and missing children are compared ({@code mcc.matching.*}): the weight of each kind of
 * evidence and the scores that make a candidate "likely" or "possible". When both records carry names,
 * the names must agree at least {@code possibleNeedsName} for any proposal, and {@code likelyNeedsName}
 * for a likely one. An ended case is proposed as an earlier episode of a new report only when, beyond
 * first name, sex and age, another name, the relatives or the place agree at least {@code corroborates}.
 * Policy, so configuration.
 */
@ConfigurationProperties(prefix = "mcc.matching")
public record MatchingPolicy(double likely, double possible, double likelyNeedsName, double possibleNeedsName,
    int maxAgeGap, double corroborates, Weights weights) {
  public record Weights(double name, double sex, double age, double place, double time, double relatives) {}

  public MatchingPolicy {
    if (!(0 < possible && possible <= likely && likely <= 1)) {
      throw new IllegalArgumentException("mcc.matching: need 0 < possible <= likely <= 1");
    }
  }
}
