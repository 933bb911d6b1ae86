package ke.childprotection.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Pages: form login and a session. API: the same session (the browser's tasklist, with a CSRF token),
 * or HTTP Basic for programs. Every path needs a signed-in user except the login page, the health
 * probe and static assets; what a user may see within is decided by role and county.
 */
@Configuration
@EnableMethodSecurity
class SecurityConfiguration {
  private static final RequestMatcher API = new AntPathRequestMatcher("/api/**");

  @Bean
  SecurityFilterChain filterChain(HttpSecurity http, SignInGuard signInGuard, CountySignIn countySignIn,
      org.springframework.beans.factory.ObjectProvider<org.springframework.security.oauth2.client.registration.ClientRegistrationRepository> providers,
      ke.childprotection.audit.RefusedRequests refused,
      @org.springframework.beans.factory.annotation.Value("${server.servlet.session.cookie.secure}") boolean secureCookies)
      throws Exception {
    var csrfHandler = new CsrfTokenRequestAttributeHandler();
    csrfHandler.setCsrfRequestAttributeName(null);
    http
        .addFilterBefore(signInGuard, org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/login", "/language", "/css/**", "/js/**", "/vendor/**", "/icons/**", "/favicon.ico", "/error",
                "/manifest.webmanifest", "/sw.js").permitAll()
            .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
            .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll()
            .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                + (e instanceof org.springframework.security.authentication.LockedException ? "/login?locked" : "/login?error"))))
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .httpBasic(Customizer.withDefaults())
        .exceptionHandling(ex -> ex
            .accessDeniedHandler((request, response, denied) -> {
              refused.record(request);
              new org.springframework.security.web.access.AccessDeniedHandlerImpl().handle(request, response, denied);
            })
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), API)
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), new NegatedRequestMatcher(API)))
        .csrf(csrf -> csrf
            .csrfTokenRepository(csrfCookies(secureCookies))
            .csrfTokenRequestHandler(csrfHandler)
            // Programs authenticate each request with Basic credentials (which they must know): no
            // ambient session authority to forge. Anything else changing state needs the token.
            .ignoringRequestMatchers(SecurityConfiguration::withoutAmbientAuthority))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
            .frameOptions(frame -> frame.deny())
            .contentTypeOptions(Customizer.withDefaults()));
    if (providers.getIfAvailable() != null) {
      // the county's identity provider, when configured: the sign-in page offers it
      http.oauth2Login(oidc -> oidc.loginPage("/login").successHandler(countySignIn)
          .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath() + "/login?provider-refused")));
    }
    return http.build();
  }

  /**
   * Scripts and styles from the app only (no inline script; inline styles are what form-js and bpmn-js
   * set on their elements), images also as data: URIs (bpmn-js), no framing, forms post to the app only.
   */
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
      + "form-action 'self'; frame-ancestors 'none'";

  /** Basic credentials (which the caller must know), or an API call with neither credentials nor session. */
  private static boolean withoutAmbientAuthority(jakarta.servlet.http.HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) && !authorization.substring(6).isBlank()) {
      return true;
    }
    // an API call with no session and no credentials (or a bearer token, which is no user's: a partner's
    // key belongs to /api/partner only) has no authority to forge: it is answered 401
    boolean noUserCredentials = authorization == null || authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    return noUserCredentials && API.matches(request) && request.getRequestedSessionId() == null;
  }

  private static CookieCsrfTokenRepository csrfCookies(boolean secure) {
    CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
    repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax").secure(secure).path("/"));
    return repository;
  }

  /** The guard runs inside the security chain (before sign-in), not a second time as a plain servlet filter. */
  @Bean
  org.springframework.boot.web.servlet.FilterRegistrationBean<SignInGuard> signInGuardOnlyInTheChain(SignInGuard guard) {
    var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(guard);
    registration.setEnabled(false);
    return registration;
  }

  @Bean
  UserDetailsService userDetailsService(AppUserRepository users) {
    return username -> users.findById(username).map(CurrentUser::of)
        .orElseThrow(() -> new UsernameNotFoundException("unknown user"));
  }

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
