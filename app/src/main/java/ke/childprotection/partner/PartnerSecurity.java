package ke.childprotection.partner;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;
import ke.childprotection.audit.RefusedRequests;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The partner API ({@code /api/partner/**}) has its own security: a partner's key, sent as an OAuth2
 * bearer token ({@code Authorization: Bearer mcc_<id>.<secret>}), checked against the partner table
 * (an opaque token introspected locally). No session, no sign-in page, no user's password: a user's
 * credentials are not accepted here, and a partner's key is accepted nowhere else. What a partner may do
 * is its scopes ({@code SCOPE_report:missing}…), checked for each operation here.
 */
@Configuration
class PartnerSecurity {

  /** The partner a key belongs to, as Spring Security's principal of a bearer token. */
  record PartnerPrincipal(PartnerClients.Partner partner) implements OAuth2AuthenticatedPrincipal {
    @Override
    public Map<String, Object> getAttributes() {
      return Map.of("sub", partner.actor(), "client_id", partner.id(), "scope", List.copyOf(partner.scopes()));
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
      List<GrantedAuthority> authorities = new ArrayList<>();
      partner.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
      return authorities;
    }

    @Override
    public String getName() {
      return partner.actor();
    }
  }

  @Bean
  @Order(1)
  SecurityFilterChain partnerApi(HttpSecurity http, PartnerClients partners, MessageSource messages, ObjectMapper json,
      RefusedRequests refused)
      throws Exception {
    OpaqueTokenIntrospector keys = token -> partners.authenticate(token).<OAuth2AuthenticatedPrincipal>map(PartnerPrincipal::new)
        .orElseThrow(() -> new BadOpaqueTokenException("unknown or revoked partner key"));
    var bearer = new BearerTokenAuthenticationEntryPoint();
    bearer.setRealmName("partner API");
    var insufficientScope = new BearerTokenAccessDeniedHandler();
    insufficientScope.setRealmName("partner API");
    // the headers say what OAuth2 clients expect; the body is the API's problem detail, in the caller's language
    AuthenticationEntryPoint signInFirst = (request, response, e) -> {
      bearer.commence(request, response, e);
      writeProblem(response, json, messages, HttpStatus.UNAUTHORIZED, "problem.title.unauthorized", "problem.partner.key");
    };
    AccessDeniedHandler notItsScope = (request, response, e) -> {
      refused.record(request);
      insufficientScope.handle(request, response, e);
      writeProblem(response, json, messages, HttpStatus.FORBIDDEN, "problem.title.forbidden", "problem.partner.scope");
    };
    http.securityMatcher("/api/partner/**")
        // scopes at the door, before the body is read: a partner without the scope learns nothing of the operation
        .authorizeHttpRequests(auth -> auth
            .requestMatchers(HttpMethod.POST, "/api/partner/reports/missing").hasAuthority("SCOPE_report:missing")
            .requestMatchers(HttpMethod.POST, "/api/partner/reports/found").hasAuthority("SCOPE_report:found")
            .requestMatchers(HttpMethod.GET, "/api/partner/reports/*").hasAuthority("SCOPE_report:status")
            .anyRequest().denyAll())
        .oauth2ResourceServer(resource -> resource.opaqueToken(opaque -> opaque.introspector(keys))
            .authenticationEntryPoint(signInFirst).accessDeniedHandler(notItsScope))
        .exceptionHandling(ex -> ex.authenticationEntryPoint(signInFirst).accessDeniedHandler(notItsScope))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable());
    return http.build();
  }

  private static void writeProblem(HttpServletResponse response, ObjectMapper json, MessageSource messages, HttpStatus status,
      String title, String detail) throws java.io.IOException {
    java.util.Locale language = LocaleContextHolder.getLocale();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, messages.getMessage(detail, null, language));
    problem.setTitle(messages.getMessage(title, null, language));
    problem.setType(java.net.URI.create("about:blank"));
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
