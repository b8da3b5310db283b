package org.originhub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A viewer reads through Jolokia (the console's JMX and Camel tabs) but executes nothing and writes nothing. Hawtio
 * sends reads and operations alike as POSTed JSON, so the request body is looked at, not only the URL: any exec or
 * write in it, for someone who is not an OPERATOR, is answered 403. Which MBeans can be touched at all is
 * Jolokia's own restrictor (jolokia-access.xml).
 */
class JolokiaViewerGuard extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1 << 20;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/actuator/jolokia") || isOperator();
    }

    private static boolean isOperator() {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who != null && who.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + OperatorSecurity.OPERATOR).equals(a.getAuthority()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().toLowerCase(Locale.ROOT);
        if (path.contains("/jolokia/exec") || path.contains("/jolokia/write")) {
            refuse(response);
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY || changes(body)) {
            refuse(response);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /** Whether any request in a Jolokia POST body (one object or an array of them) executes or writes. */
    private static boolean changes(byte[] body) {
        try {
            JsonNode requests = JSON.readTree(body);
            if (requests == null) {
                return false;
            }
            for (JsonNode one : requests.isArray() ? requests : JSON.createArrayNode().add(requests)) {
                String type = one.path("type").asText("").toLowerCase(Locale.ROOT);
                if (type.equals("exec") || type.equals("write")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // not JSON: Jolokia would refuse it anyway, and a viewer has no business sending it
        }
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":403,\"message\":\"only an operator may execute or write\"}");
    }
}
