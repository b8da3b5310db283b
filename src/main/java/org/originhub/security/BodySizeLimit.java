package org.originhub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.originhub.ingest.DocumentTooLargeException;
import org.originhub.ingest.SizeLimit;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The size limit on the doors that take documents over HTTP (submissions and the exchange endpoint), before Camel
 * sees the request: Camel reads and caches a whole body before the first step of a route runs, so a chunked body
 * without a Content-Length could fill the memory before the route's own check. A declared length over the limit
 * is answered 413 at once; a body without one is read up to the limit and no further.
 */
public class BodySizeLimit extends OncePerRequestFilter {

    /** Compiled once: String.matches compiles its pattern again on every call, here on every request. */
    private static final Pattern SUBMISSIONS = Pattern.compile("/api/v1/sources/[^/]+/certificates");

    private final SizeLimit limit;

    public BodySizeLimit(long maxBytes) {
        this.limit = new SizeLimit(maxBytes);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !"POST".equals(request.getMethod())
                || !(path.equals("/api/v1/exchange") || SUBMISSIONS.matcher(path).matches());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body;
        try {
            limit.checkDeclared(request.getContentLengthLong() < 0 ? null : request.getContentLengthLong());
            body = limit.read(request.getInputStream());
        } catch (DocumentTooLargeException e) {
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setContentType("application/json");
            // the problem body the routes answer 413 with (ProblemAnswers), coded E001 like a refusal on any channel
            response.getWriter().write("{\"status\":413,\"message\":\"" + e.getMessage() + "\",\"errors\":[{\"code\":\"E001\","
                    + "\"field\":\"document\",\"message\":\"" + e.getMessage() + "\"}]}");
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }
}
