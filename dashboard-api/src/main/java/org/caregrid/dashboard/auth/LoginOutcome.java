package org.caregrid.dashboard.auth;

/** How a sign-in ended, the {@code outcome} tag of {@code caregrid_dashboard_logins_total}. */
enum LoginOutcome {
  SIGNED_IN("signed_in"),
  /** Unknown login, disabled user or wrong password: one outcome, as the caller is told. */
  REFUSED("refused"),
  /** Throttled: the login from this address, or the address, must wait after its failures. */
  RATE_LIMITED("rate_limited");

  private final String tag;

  LoginOutcome(String tag) {
    this.tag = tag;
  }

  String tag() {
    return tag;
  }
}
