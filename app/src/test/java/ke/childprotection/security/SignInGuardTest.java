package ke.childprotection.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Failed sign-ins from one address beyond the limit make that address wait; other addresses do not. */
class SignInGuardTest {
  /** Three failures per minute; the account side (database, audit) is not exercised here. */
  private final SignInGuard guard = new SignInGuard(null, null, null, 5, Duration.ofMinutes(30), 3, Duration.ofMinutes(1)) {
    @Override
    void recordFailure(String account, String address, String reason, boolean wrongPassword) {}
  };

  private static MockHttpServletRequest signIn(String address) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
    request.setServletPath("/login");
    request.setRemoteAddr(address);
    return request;
  }

  private void fail(String address) {
    var attempt = UsernamePasswordAuthenticationToken.unauthenticated("someone", "guess");
    attempt.setDetails(new WebAuthenticationDetails(address, null));
    guard.failed(new AuthenticationFailureBadCredentialsEvent(attempt, new BadCredentialsException("bad")));
  }

  private MockHttpServletResponse attempt(MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    guard.doFilter(request, response, new MockFilterChain());
    return response;
  }

  @Test
  void anAddressThatFailedTooOftenWaits() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertThat(attempt(signIn("10.0.0.7")).getStatus()).isEqualTo(200);
      fail("10.0.0.7");
    }
    MockHttpServletResponse refused = attempt(signIn("10.0.0.7"));
    assertThat(refused.getRedirectedUrl()).isEqualTo("/login?throttled");
    assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 60L);

    MockHttpServletRequest api = new MockHttpServletRequest("GET", "/api/tasks");
    api.setServletPath("/api/tasks");
    api.setRemoteAddr("10.0.0.7");
    api.addHeader("Authorization", "Basic Y3c6cGFzcw==");
    assertThat(attempt(api).getStatus()).as("Basic sign-ins from it too").isEqualTo(429);

    assertThat(attempt(signIn("10.0.0.8")).getStatus()).as("another address").isEqualTo(200);
    MockHttpServletRequest page = new MockHttpServletRequest("GET", "/tasks");
    page.setServletPath("/tasks");
    page.setRemoteAddr("10.0.0.7");
    assertThat(attempt(page).getStatus()).as("a signed-in session is not a sign-in").isEqualTo(200);
  }
}
