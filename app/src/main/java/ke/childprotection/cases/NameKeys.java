package ke.childprotection.cases;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * The keys a child's record is found by when matching, stored with the record (table child_name_key,
 * kept by {@link ChildCase#describeChild}): for the first name and for the other names, each as the
 * matcher compares them, the Double Metaphone code and its alternate (names that sound alike share
 * one), the first three letters (spellings apart after the start, "Wanjiru" and "Wanjiku", share them)
 * and the three after the first ("Wafula" and "Nafula"). Two records are compared only when they
 * share a key, or when either has no first name: names that neither sound nor start alike ("Amani" and
 * "Kamau") are different children.
 */
public final class NameKeys {
  private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();
  private static final int PREFIX = 3;

  private NameKeys() {}

  public static Set<String> of(String firstName, String otherNames) {
    Set<String> keys = new TreeSet<>();
    for (String name : new String[] {firstName, otherNames}) {
      String normal = name == null ? "" : normal(name);
      if (normal.isEmpty()) {
        continue;
      }
      // primary and alternate code under one kind of key (the same code once): comparing across them only widens
      keys.add("S" + METAPHONE.doubleMetaphone(normal));
      keys.add("S" + METAPHONE.doubleMetaphone(normal, true));
      keys.add("P" + normal.substring(0, Math.min(PREFIX, normal.length())));
      if (normal.length() > 1) {
        keys.add("Q" + normal.substring(1, Math.min(PREFIX + 1, normal.length())));
      }
    }
    return keys;
  }

  /** A name as the matcher compares it: lower case, letters and spaces only. */
  public static String normal(String value) {
    return value.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L} ]", " ").trim();
  }
}
