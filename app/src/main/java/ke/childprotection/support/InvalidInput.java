package ke.childprotection.support;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Input that fails validation rules beyond bean validation (e.g. a form schema): 400 with field errors. */
public class InvalidInput extends UserProblem {
  /** A field at fault and the key of what is wrong with it (with the values to put in that text). */
  public record Field(String field, String message, @JsonIgnore Object[] args) {
    public Field(String field, String message, Object... args) {
      this.field = field;
      this.message = message;
      this.args = args == null ? new Object[0] : args;
    }
  }

  private final List<Field> fields;

  public InvalidInput(String key, List<Field> fields, Object... args) {
    super(key, args);
    this.fields = List.copyOf(fields);
  }

  public List<Field> fields() {
    return fields;
  }
}
