package ke.childprotection.support;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Input that fails validation rules beyond bean validation (e.g. a form schema): 400 with field errors. */
public class InvalidInput extends UserProblem {
  /** A field at fault and the key of what is wrong with it (with the values to put in that text). */
  public record Field(String field, String message, @JsonIgnore Object... args) {
    public Field {
      args = args == null ? new Object[0] : args.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Field f && java.util.Objects.equals(field, f.field) && java.util.Objects.equals(message, f.message)
          && java.util.Arrays.equals(args, f.args);
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(field, message, java.util.Arrays.hashCode(args));
    }

    @Override
    public String toString() {
      return field + ": " + message + (args.length == 0 ? "" : " " + java.util.Arrays.toString(args));
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
