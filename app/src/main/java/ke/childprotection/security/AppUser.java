package ke.childprotection.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "app_user")
public class AppUser {
  @Id private String username;
  @Column(nullable = false) private String passwordHash;
  @Column(nullable = false) private String fullName;
  @Column(nullable = false) private String role;
  private String countyCode;
  private String subCounty;
  private boolean enabled = true;
  private int failedSignIns;
  private java.time.OffsetDateTime lockedUntil;
  /** The language chosen for pages and messages (en, sw); null: the browser's. */
  private String language;

  protected AppUser() {}

  public AppUser(String username, String passwordHash, String fullName, Role role, String countyCode) {
    this.username = username;
    this.passwordHash = passwordHash;
    this.fullName = fullName;
    this.role = role.group();
    this.countyCode = countyCode;
  }

  public String getUsername() { return username; }
  public String getPasswordHash() { return passwordHash; }
  public String getFullName() { return fullName; }
  public Role getRole() { return Role.ofGroup(role); }
  public String getCountyCode() { return countyCode; }
  public String getLanguage() { return language; }
  public void setLanguage(String language) { this.language = language; }
  public String getSubCounty() { return subCounty; }
  public boolean isEnabled() { return enabled; }
  public int getFailedSignIns() { return failedSignIns; }
  public java.time.OffsetDateTime getLockedUntil() { return lockedUntil; }

  public boolean isLocked(java.time.OffsetDateTime now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }

  public void change(String fullName, Role role, String countyCode, boolean enabled) {
    this.fullName = fullName;
    this.role = role.group();
    this.countyCode = countyCode;
    this.enabled = enabled;
  }

  public void setPasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }

  public void unlock() {
    this.lockedUntil = null;
    this.failedSignIns = 0;
  }
}
