package ke.childprotection.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The texts the pages' scripts show (keys {@code js.*} of the message bundles), in the page's language:
 * written into every page as JSON ({@code <script type="application/json" id="texts">}), read by
 * {@code window.t} in api.js. A page costs no extra request for them.
 */
@Component("scriptTexts")
public class ScriptTexts {
  static final String BUNDLE = "i18n/messages";
  private static final String PREFIX = "js.";

  private final ObjectMapper json;
  private final Map<Locale, String> byLanguage = new ConcurrentHashMap<>();

  ScriptTexts(ObjectMapper json) {
    this.json = json;
  }

  public String json(Locale locale) {
    return byLanguage.computeIfAbsent(locale, this::render);
  }

  private String render(Locale locale) {
    ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    Map<String, String> texts = new TreeMap<>();
    for (String key : bundle.keySet()) {
      if (key.startsWith(PREFIX)) {
        texts.put(key.substring(PREFIX.length()), bundle.getString(key));
      }
    }
    try {
      // "<" escaped: the JSON sits in an HTML script element
      return json.writeValueAsString(texts).replace("<", "\\u003c");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
