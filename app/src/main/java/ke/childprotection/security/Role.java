package ke.childprotection.security;

import java.util.Arrays;

/** The roles of DOMAIN.md; each is also the candidate group its users work in the BPMN models. */
public enum Role {
  CASEWORKER("caseworker"),
  SUPERVISOR("supervisor"),
  GATEKEEPING_PANEL("gatekeeping-panel"),
  CTIP_SECRETARIAT("ctip-secretariat"),
  ADMIN("admin");

  private final String group;

  Role(String group) {
    this.group = group;
  }

  public String group() {
    return group;
  }

  public static Role ofGroup(String group) {
    return Arrays.stream(values()).filter(r -> r.group.equals(group)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown role " + group));
  }
}
