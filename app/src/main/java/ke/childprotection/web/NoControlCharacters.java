package ke.childprotection.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Text with control characters (a NUL byte above all, which PostgreSQL refuses to store) is bad input:
 * refused at the edge with a clear 400 naming the parameter or field, in request parameters and paths
 * (this filter) and in JSON bodies (the string reader it registers). Tab and line breaks are text.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class NoControlCharacters extends OncePerRequestFilter {

  static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String bad = hasControlCharacter(request.getRequestURI()) ? "path" : null;
    if (bad == null && request.getQueryString() != null) {
      for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
        boolean control = hasControlCharacter(parameter.getKey());
        for (String value : parameter.getValue()) {
          control |= hasControlCharacter(value);
        }
        if (control) {
          bad = parameter.getKey().replaceAll("\\p{Cntrl}", "?");
          break;
        }
      }
    }
    if (bad == null) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(400);
    response.setContentType("application/problem+json");
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Invalid input\",\"status\":400,"
        + "\"detail\":\"The request has a control character (such as NUL) where text belongs.\","
        + "\"errors\":[{\"field\":\"" + bad.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"message\":\"contains a control character\"}]}");
  }

  /** Dates a child's case can have: none before 1900 or after 2199 (a typo, or an attack on the database). */
  static final java.time.LocalDate EARLIEST = java.time.LocalDate.of(1900, 1, 1);
  static final java.time.LocalDate LATEST = java.time.LocalDate.of(2199, 12, 31);

  private static <T> T inRange(JsonParser parser, T value, java.time.LocalDate date, Class<T> type) throws IOException {
    if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
      throw InvalidFormatException.from(parser, "outside 1900-2199", value, type);
    }
    return value;
  }

  /**
   * JSON bodies: a string with a control character is refused with the field's path, and so is a date
   * outside 1900–2199.
   */
  @Bean
  SimpleModule noControlCharactersInJson() {
    return new SimpleModule("no-control-characters")
        .addDeserializer(java.time.OffsetDateTime.class, new com.fasterxml.jackson.databind.JsonDeserializer<>() {
          @Override
          public java.time.OffsetDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            java.time.OffsetDateTime value = com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer.OFFSET_DATE_TIME
                .deserialize(parser, context);
            return inRange(parser, value, value == null ? null : value.toLocalDate(), java.time.OffsetDateTime.class);
          }
        })
        .addDeserializer(java.time.LocalDate.class, new com.fasterxml.jackson.databind.JsonDeserializer<>() {
          @Override
          public java.time.LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            java.time.LocalDate value = com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer.INSTANCE.deserialize(parser, context);
            return inRange(parser, value, value, java.time.LocalDate.class);
          }
        })
        .addDeserializer(String.class, new StringDeserializer() {
      @Override
      public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = super.deserialize(parser, context);
        if (text != null && hasControlCharacter(text)) {
          throw InvalidFormatException.from(parser, "contains a control character", text, String.class);
        }
        return text;
      }
    });
  }
}
