package ke.childprotection.documents;

import java.util.List;
import java.util.Map;
import ke.childprotection.support.InvalidInput;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What may be uploaded to a child's case ({@code mcc.documents.*}): the kinds of document, each with
 * its label and the content types it accepts (as detected from the bytes), and the largest file.
 */
@ConfigurationProperties(prefix = "mcc.documents")
public record DocumentPolicy(DataSize maxSize, Map<String, Kind> kinds) {
  public static final String PHOTO = "PHOTO";

  public record Kind(String label, List<String> types) {}

  public DocumentPolicy {
    if (kinds == null || !kinds.containsKey(PHOTO)) {
      throw new IllegalArgumentException("mcc.documents.kinds must define " + PHOTO);
    }
    if (maxSize == null || maxSize.toBytes() <= 0) {
      throw new IllegalArgumentException("mcc.documents.max-size must be positive");
    }
    kinds = Map.copyOf(kinds);
  }

  Kind kind(String name) {
    Kind kind = name == null ? null : kinds.get(name);
    if (kind == null) {
      throw new InvalidInput("problem.document.kind",
          List.of(new InvalidInput.Field("kind", "problem.field.oneOf", String.join(", ", kinds.keySet().stream().sorted().toList()))));
    }
    return kind;
  }

  public String label(String kind) {
    Kind known = kinds.get(kind);
    return known == null ? kind : known.label();
  }
}
