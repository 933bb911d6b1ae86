package ke.childprotection.support;

import java.util.List;
import java.util.Locale;

/**
 * The languages the system speaks: English (the default) and Kiswahili. Every page, message, form and
 * document has both (a check in the build fails when a text lacks one).
 */
public final class Languages {
  public static final Locale ENGLISH = Locale.ENGLISH;
  public static final Locale KISWAHILI = Locale.forLanguageTag("sw");
  public static final List<Locale> SUPPORTED = List.of(ENGLISH, KISWAHILI);

  private Languages() {
  }

  /** The supported language of a tag ("sw-KE" → Kiswahili), or null when it is none of them. */
  public static Locale of(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    String language = Locale.forLanguageTag(tag.trim()).getLanguage();
    return SUPPORTED.stream().filter(l -> l.getLanguage().equals(language)).findFirst().orElse(null);
  }

  /** The first supported language among those a client prefers, in its order; English when none is. */
  public static Locale preferred(java.util.Enumeration<Locale> preferences) {
    while (preferences != null && preferences.hasMoreElements()) {
      Locale wanted = of(preferences.nextElement().toLanguageTag());
      if (wanted != null) {
        return wanted;
      }
    }
    return ENGLISH;
  }
}
