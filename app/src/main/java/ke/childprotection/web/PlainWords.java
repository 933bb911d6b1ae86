package ke.childprotection.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the pages say instead of the system's own words: codes as words, counties and periods by name,
 * people by name. Used by the templates as {@code @plainWords}.
 */
@Component("plainWords")
public class PlainWords {
  private static final Duration NAMES_KEPT = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final org.springframework.context.MessageSource messages;
  private final ke.childprotection.support.Counties counties;
  private volatile Map<String, String> people = Map.of();
  private volatile Instant peopleRead = Instant.EPOCH;

  PlainWords(JdbcClient jdbc, org.springframework.context.MessageSource messages, ke.childprotection.support.Counties counties) {
    this.jdbc = jdbc;
    this.counties = counties;
    this.messages = messages;
  }

  /** A code as words in the page's language: RETURNED_HOME → "returned home" ("amerudi nyumbani"), FEMALE → "female". */
  public String word(String code) {
    return code == null ? "" : text("word." + code, code.replace('_', ' ').toLowerCase(Locale.ROOT));
  }

  /** A step of a process (a task, an event) by its name in the page's language; the model's own name when it has none. */
  public String step(String elementId, String name) {
    return elementId == null ? (name == null ? "" : name) : text("step." + elementId, name == null ? elementId : name);
  }

  /** A kind of document by its name in the page's language; the configured label when it has none. */
  public String document(String kind, String label) {
    return text("document." + kind, label);
  }

  /** The text of a key in the page's language, or the fallback. */
  public String text(String key, String fallback) {
    return messages.getMessage(key, null, fallback, org.springframework.context.i18n.LocaleContextHolder.getLocale());
  }

  /** A text of the bundles in the page's language with its values put in ({0}, {1}…). */
  public String format(String key, Object... args) {
    return formatIn(org.springframework.context.i18n.LocaleContextHolder.getLocale(), key, args);
  }

  /** A text of the bundles in a given language (a poster or a message carries both). */
  public String formatIn(Locale language, String key, Object... args) {
    return messages.getMessage(key, args, language);
  }

  /** A code as words in a given language. */
  public String wordIn(Locale language, String code) {
    return code == null ? "" : messages.getMessage("word." + code, null, code.replace('_', ' ').toLowerCase(Locale.ROOT), language);
  }

  /** A county by its name ("Nairobi"); the code when it is not one of the 47. */
  public String county(String code) {
    if (code == null) {
      return "";
    }
    return counties().stream().filter(c -> c.getKey().equals(code)).map(Map.Entry::getValue).findFirst().orElse(code);
  }

  /** The 47 counties, by name, for a picker. */
  public List<Map.Entry<String, String>> counties() {
    return counties.byName();
  }

  /** The periods a report can cover, newest first: the last 24 months and 8 quarters, by name. */
  public List<Map.Entry<String, String>> periods(java.time.ZoneId zone) {
    java.time.YearMonth now = java.time.YearMonth.now(zone);
    List<Map.Entry<String, String>> periods = new ArrayList<>();
    java.time.format.DateTimeFormatter month = java.time.format.DateTimeFormatter.ofPattern("MMMM yyyy", org.springframework.context.i18n.LocaleContextHolder.getLocale());
    for (int i = 0; i < 24; i++) {
      java.time.YearMonth m = now.minusMonths(i);
      periods.add(Map.entry(m.toString(), m.format(month)));
    }
    for (int i = 0; i < 8; i++) {
      java.time.YearMonth m = now.minusMonths(3L * i);
      int quarter = (m.getMonthValue() - 1) / 3 + 1;
      periods.add(Map.entry(m.getYear() + "-Q" + quarter, "Q" + quarter + " " + m.getYear() + " ("
          + java.time.Month.of(quarter * 3 - 2).getDisplayName(java.time.format.TextStyle.SHORT, org.springframework.context.i18n.LocaleContextHolder.getLocale()) + "–"
          + java.time.Month.of(quarter * 3).getDisplayName(java.time.format.TextStyle.SHORT, org.springframework.context.i18n.LocaleContextHolder.getLocale()) + ")"));
    }
    return periods;
  }

  /** A period's name: "December 2026", "Q4 2026 (Oct–Dec)"; as given when it is neither. */
  public String period(String period, java.time.ZoneId zone) {
    return periods(zone).stream().filter(p -> p.getKey().equals(period)).map(Map.Entry::getValue).findFirst().orElse(period);
  }

  /**
   * A person by their full name; a partner system (partner:&lt;id&gt;, the 116 helpline…) by its name; the
   * system as "the system"; a user name that is no account as it is.
   */
  public String person(String username) {
    if (username == null) {
      return "";
    }
    if ("system".equals(username)) {
      return text("person.system", "the system");
    }
    // read again after a while, or sooner for a name not known yet (a user or partner just registered)
    if (Instant.now().isAfter(peopleRead.plus(people.containsKey(username) ? NAMES_KEPT : NAMES_KEPT.dividedBy(20)))) {
      people = Map.copyOf(jdbc.sql("select username, full_name from app_user union all select 'partner:' || id, name from partner_client")
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
          .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
      peopleRead = Instant.now();
    }
    return people.getOrDefault(username, username);
  }
}
