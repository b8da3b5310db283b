package org.originhub.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may enter which door. Operators log in to the console (Hawtio), Jolokia, the actuator and the operator API:
 * a VIEWER reads, an OPERATOR also acts (replays, reloads blocks, executes JMX operations). National systems
 * submit with their source's API key ({@link SourceKeys}); partner hubs are authenticated by their signatures.
 * Health and info stay open for load balancers and orchestrators.
 */
@Configuration(proxyBeanMethods = false)
public class OperatorSecurity {

    static final String VIEWER = "VIEWER";
    static final String OPERATOR = "OPERATOR";

    /** In the production profile, nothing that is only fit for the demo: checked before anything starts. */
    @Bean
    @org.springframework.context.annotation.Profile("production")
    ProductionReadiness productionReadiness(org.springframework.core.env.Environment environment,
            org.originhub.config.HubDirectory directory) {
        return new ProductionReadiness(environment, directory);
    }

    /**
     * No Micrometer observation around each security filter: it wrapped every filter of every request in two
     * observations (about 5 % of a hub's CPU under load, JFR). Request metrics still come from the web server.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The machine doors, on a chain of their own: national systems submit with their source's API key (SourceKeys),
     * partner hubs are authenticated by the envelope's signature (and the client certificate with mutual TLS), so
     * neither needs a session, a login page, a saved request or a CSRF token. Every submission used to pass the
     * operators' chain of about fifteen filters, a tenth of each hub's CPU under load (bench/run-e2e.sh, JFR).
     */
    @Bean
    @Order(1)
    SecurityFilterChain machineDoors(HttpSecurity http, SourceKeys sourceKeys,
            org.originhub.config.HubProperties properties) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(new OrRequestMatcher(paths.matcher(HttpMethod.POST, "/api/v1/sources/*/certificates"),
                        paths.matcher(HttpMethod.POST, "/api/v1/exchange")))
                .authorizeHttpRequests(doors -> doors.anyRequest().permitAll())
                .addFilterBefore(sourceKeys, AuthorizationFilter.class)
                // after SourceKeys: a submission without a valid key is refused before its body is read
                .addFilterAfter(new BodySizeLimit(properties.ingest().maxBytes()), SourceKeys.class)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.requireExplicitSave(true))
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable())
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain operatorDoors(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(doors -> doors
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/certificates/*/replay", "/api/v1/blocks/reload")
                        .hasRole(OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(VIEWER, OPERATOR)
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasAnyRole(VIEWER, OPERATOR)
                        .anyRequest().denyAll())
                .addFilterAfter(new JolokiaViewerGuard(), AuthorizationFilter.class)
                .addFilterAfter(new CsrfCookie(), AuthorizationFilter.class)
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                // The console posts to Jolokia from the browser: it sends the XSRF-TOKEN cookie back as a header.
                // The REST API takes no cookies (HTTP Basic or a source key on every request), so no token there.
                .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers("/api/**"));
        return http.build();
    }

    /**
     * Spring Security defers the CSRF token; the console needs the XSRF-TOKEN cookie before its first POST to Jolokia,
     * so every response that passes authorization loads the token (which sets the cookie).
     */
    static final class CsrfCookie extends org.springframework.web.filter.OncePerRequestFilter {

        @Override
        protected void doFilterInternal(jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response, jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            Object token = request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
            if (token instanceof org.springframework.security.web.csrf.CsrfToken csrf) {
                csrf.getToken();
            }
            chain.doFilter(request, response);
        }
    }

    /** The operators and viewers, from configuration; passwords in Spring's {id}hash form ({bcrypt}…). */
    @Bean
    UserDetailsService operatorAccounts(@Value("${originhub.security.operator.name}") String operator,
            @Value("${originhub.security.operator.password}") String operatorPassword,
            @Value("${originhub.security.viewer.name}") String viewer,
            @Value("${originhub.security.viewer.password}") String viewerPassword) {
        InMemoryUserDetailsManager accounts = new InMemoryUserDetailsManager(
                User.withUsername(operator).password(operatorPassword).passwordEncoder(p -> p).roles(OPERATOR, VIEWER).build(),
                User.withUsername(viewer).password(viewerPassword).passwordEncoder(p -> p).roles(VIEWER).build());
        // Only the lookup: the manager can also store passwords, and Spring Security would then "upgrade" a {noop}
        // password to a fresh BCrypt hash at the first login and pay a BCrypt check (50-70 ms of CPU here) on every
        // HTTP Basic request after it (found by bench/run-e2e.sh). Production passwords are {bcrypt} from the start.
        return accounts::loadUserByUsername;
    }
}
