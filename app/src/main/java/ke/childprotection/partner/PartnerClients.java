package ke.childprotection.partner;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ke.childprotection.audit.AuditLog;
import ke.childprotection.support.Conflict;
import ke.childprotection.support.InvalidInput;
import ke.childprotection.support.NotFound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The partner systems that report through the API, and their keys. A key is {@code mcc_<id>.<secret>}:
 * the id finds the partner, the secret (32 random bytes) is checked against its SHA-256, which is all
 * that is kept. An administrator issues a key (shown once), replaces it, or revokes it.
 */
@Service
public class PartnerClients {
  /** What a key may be used for: the OAuth2 scopes it carries. */
  public static final List<String> SCOPES = List.of("report:missing", "report:found", "report:status");

  /** The kinds of partner of DOMAIN.md's reporting channels. */
  public enum Kind { HELPLINE, POLICE, ORGANISATION }

  /** A partner as the administrator sees it (never its key). */
  public record PartnerView(String id, String name, String kind, String countyCode, List<String> scopes,
      int requestsPerMinute, OffsetDateTime createdAt, String createdBy, OffsetDateTime revokedAt, String revokedBy,
      OffsetDateTime lastUsedAt) {}

  /** A partner whose key was accepted, as the rest of the app sees it. */
  public record Partner(String id, String name, String countyCode, Set<String> scopes, int requestsPerMinute) {
    /** How the partner is named where a user would be: timelines, the audit trail, idempotency keys. */
    public String actor() {
      return ACTOR_PREFIX + id;
    }

    public boolean mayReportIn(String county) {
      return countyCode == null || countyCode.equals(county);
    }
  }

  public static final String ACTOR_PREFIX = "partner:";
  private static final String KEY_PREFIX = "mcc_";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new partner: who it is, what it may do, where and how often. */
  public record NewPartner(
      @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,38}[a-z0-9]", message = "{validation.partnerId}") String id,
      @NotBlank @Size(max = 120) String name,
      @NotBlank @Pattern(regexp = "HELPLINE|POLICE|ORGANISATION", message = "{validation.partnerKind}") String kind,
      @Pattern(regexp = "\\d{3}", message = "{validation.countyCode}") String countyCode,
      @NotEmpty List<@Pattern(regexp = "report:missing|report:found|report:status", message = "{validation.scope}") String> scopes,
      @Min(1) @Max(6000) Integer requestsPerMinute) {}

  /** The key, shown once. */
  public record IssuedKey(PartnerView partner, String key) {}

  private final JdbcClient db;
  private final ke.childprotection.support.Counties counties;
  private final AuditLog audit;
  private final int defaultRequestsPerMinute;

  PartnerClients(JdbcClient db, AuditLog audit, ke.childprotection.support.Counties counties,
      @Value("${mcc.partners.requests-per-minute}") int defaultRequestsPerMinute) {
    this.db = db;
    this.counties = counties;
    this.audit = audit;
    this.defaultRequestsPerMinute = defaultRequestsPerMinute;
  }

  public List<PartnerView> list() {
    return db.sql(SELECT + " order by revoked_at nulls first, name").query(PartnerClients::view).list();
  }

  @Transactional
  public IssuedKey issue(String admin, NewPartner partner) {
    String county = partner.countyCode() == null || partner.countyCode().isBlank() ? null : partner.countyCode();
    if (county != null && !counties.exists(county)) {
      throw new InvalidInput("problem.invalidFields", List.of(new InvalidInput.Field("countyCode", "problem.field.noSuchCountyCode")));
    }
    String secret = newSecret();
    try {
      db.sql("""
          insert into partner_client (id, name, kind, county_code, scopes, secret_hash, requests_per_minute, created_at, created_by)
          values (:id, :name, :kind, :county, :scopes, :hash, :rate, :now, :by)""")
          .param("id", partner.id()).param("name", partner.name().trim()).param("kind", partner.kind()).param("county", county)
          .param("scopes", String.join(" ", partner.scopes().stream().distinct().sorted().toList())).param("hash", hash(secret))
          .param("rate", partner.requestsPerMinute() == null ? defaultRequestsPerMinute : partner.requestsPerMinute())
          .param("now", OffsetDateTime.now()).param("by", admin).update();
    } catch (DuplicateKeyException taken) {
      throw new Conflict("problem.partner.taken", partner.id());
    }
    audit.change(admin, null, "issued a partner key to " + partner.id() + " (" + partner.kind().toLowerCase() + ", "
        + (county == null ? "nationwide" : "county " + county) + ", " + String.join(" ", partner.scopes()) + ")");
    return new IssuedKey(find(partner.id()), KEY_PREFIX + partner.id() + "." + secret);
  }

  /** A new secret for the partner (the old key stops working at once); a revoked partner gets none. */
  @Transactional
  public IssuedKey replaceKey(String admin, String id) {
    String secret = newSecret();
    if (db.sql("update partner_client set secret_hash = :hash where id = :id and revoked_at is null")
        .param("hash", hash(secret)).param("id", id).update() == 0) {
      throw new NotFound("problem.partner.notFound", id);
    }
    audit.change(admin, null, "replaced the key of partner " + id);
    return new IssuedKey(find(id), KEY_PREFIX + id + "." + secret);
  }

  @Transactional
  public PartnerView revoke(String admin, String id) {
    if (db.sql("update partner_client set revoked_at = :now, revoked_by = :by where id = :id and revoked_at is null")
        .param("now", OffsetDateTime.now()).param("by", admin).param("id", id).update() == 0) {
      throw new NotFound("problem.partner.notFound", id);
    }
    audit.change(admin, null, "revoked the key of partner " + id);
    return find(id);
  }

  /** The partner a key belongs to, if the key is whole, its secret right and the partner not revoked. */
  Optional<Partner> authenticate(String key) {
    int dot = key == null ? -1 : key.indexOf('.');
    if (dot < 0 || !key.startsWith(KEY_PREFIX) || key.length() > 200) {
      return Optional.empty();
    }
    String id = key.substring(KEY_PREFIX.length(), dot);
    String secret = key.substring(dot + 1);
    record Row(String name, String county, String scopes, String hash, int rate) {}
    Optional<Row> row = db.sql("""
        select name, county_code, scopes, secret_hash, requests_per_minute from partner_client where id = :id and revoked_at is null""")
        .param("id", id).query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
        .optional();
    if (row.isEmpty() || !MessageDigest.isEqual(row.get().hash().getBytes(StandardCharsets.US_ASCII),
        hash(secret).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    db.sql("update partner_client set last_used_at = :now where id = :id").param("now", OffsetDateTime.now()).param("id", id).update();
    return Optional.of(new Partner(id, row.get().name(), row.get().county(), Set.of(row.get().scopes().split(" ")), row.get().rate()));
  }

  private PartnerView find(String id) {
    return db.sql(SELECT + " where id = :id").param("id", id).query(PartnerClients::view).optional()
        .orElseThrow(() -> new NotFound("problem.partner.notFound", id));
  }

  private static final String SELECT = """
      select id, name, kind, county_code, scopes, requests_per_minute, created_at, created_by, revoked_at, revoked_by, last_used_at
      from partner_client""";

  private static PartnerView view(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new PartnerView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), List.of(rs.getString(5).split(" ")),
        rs.getInt(6), rs.getObject(7, OffsetDateTime.class), rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getString(10),
        rs.getObject(11, OffsetDateTime.class));
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hash(String secret) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
