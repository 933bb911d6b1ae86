package ke.childprotection.support;

import java.util.List;

/** Input that fails validation rules beyond bean validation (e.g. a form schema): 400 with field errors. */
public class InvalidInput extends RuntimeException {
  public record Field(String field, String message) {}

  private final List<Field> fields;

  public InvalidInput(String message, List<Field> fields) {
    super(message);
    this.fields = List.copyOf(fields);
  }

  public List<Field> fields() {
    return fields;
  }
}
