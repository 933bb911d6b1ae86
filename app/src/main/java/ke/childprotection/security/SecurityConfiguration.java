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
  SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
    var csrfHandler = new CsrfTokenRequestAttributeHandler();
    csrfHandler.setCsrfRequestAttributeName(null);
    http
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/login", "/css/**", "/js/**", "/vendor/**", "/favicon.ico", "/error").permitAll()
            .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info").permitAll()
            .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html").permitAll()
            .anyRequest().authenticated())
        .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/tasks", true).permitAll())
        .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
        .httpBasic(Customizer.withDefaults())
        .exceptionHandling(ex -> ex
            .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), API)
            .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), new NegatedRequestMatcher(API)))
        .csrf(csrf -> csrf
            .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
            .csrfTokenRequestHandler(csrfHandler)
            // Programs authenticate per request with Basic: no ambient session cookie, nothing to forge.
            .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null));
    return http.build();
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
