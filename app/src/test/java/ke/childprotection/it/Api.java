package ke.childprotection.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user of the HTTP API (Basic auth), over a real connection to the running app. */
final class Api {
  record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
    /** A header of the answer, or null. */
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String base;
  private final String authorization;
  private final String language;

  Api(int port, String username) {
    this(port, username, "demo1234");
  }

  Api(int port, String username, String password) {
    this("http://127.0.0.1:" + port,
        "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)), null);
  }

  private Api(String base, String authorization, String language) {
    this.base = base;
    this.authorization = authorization;
    this.language = language;
  }

  /** A partner system, with its key as a bearer token (any other text: a wrong key; null: none). */
  static Api partner(int port, String key) {
    return new Api("http://127.0.0.1:" + port, key == null ? null : "Bearer " + key, null);
  }

  /** The same user on a device set to a language ({@code Accept-Language}). */
  Api speaking(String languageTag) {
    return new Api(base, authorization, languageTag);
  }

  /** A form post as a page's form sends it (url-encoded); a redirect is not followed. */
  HttpResponse<Void> form(String path, java.util.Map<String, String> fields) {
    String body = fields.entrySet().stream().map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
    try {
      return HTTP.send(withLanguage(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
          .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens a server-sent event stream; its lines arrive in the queue as they come (an event's
   * {@code event:} and {@code data:} lines, comments starting with ':'). Closed with the returned handle.
   */
  AutoCloseable stream(String path, java.util.concurrent.BlockingQueue<String> lines) {
    var response = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
        .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofLines());
    Thread reader = Thread.ofVirtual().start(() -> {
      try {
        response.join().body().forEach(lines::add);
      } catch (RuntimeException closed) {
        // the stream was closed
      }
    });
    return () -> {
      response.cancel(true);
      response.thenAccept(r -> r.body().close());
      reader.interrupt();
    };
  }

  private HttpRequest.Builder withLanguage(HttpRequest.Builder request) {
    return language == null ? request : request.header("Accept-Language", language);
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Response post(String path, Object body) {
    try {
      String json = body == null ? "" : JSON.writeValueAsString(body);
      return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A POST with an {@code Idempotency-Key} header, as a client that may retry sends it. */
  Response post(String path, Object body, String idempotencyKey) {
    try {
      return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Response put(String path, Object body) {
    try {
      return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A multipart/form-data upload of one file with a {@code kind} field, as a browser sends it. */
  Response upload(String path, String kind, String fileName, String contentType, byte[] content) {
    String boundary = "----mcc" + System.nanoTime();
    var body = new java.io.ByteArrayOutputStream();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n"
        + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: " + contentType + "\r\n\r\n";
    body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
    body.writeBytes(content);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  /** A download: status, headers and the bytes as they are. */
  HttpResponse<byte[]> download(String path) {
    try {
      return HTTP.send(withLanguage(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)).GET().build(),
          HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A page as a browser gets it: its HTML (the status must be 200). */
  String page(String path) {
    HttpResponse<byte[]> response = download(path);
    assertThat(response.statusCode()).as("page %s", path).isEqualTo(200);
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  JsonNode ok(Response response) {
    assertThat(response.status()).as("HTTP status, body %s", response.body()).isBetween(200, 299);
    return response.body();
  }

  private Response send(HttpRequest.Builder request) {
    try {
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      HttpResponse<String> response = HTTP.send(withLanguage(request).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), body, response.headers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
