package org.originhub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.originhub.config.HubDirectory;
import org.originhub.config.SourceDefinition;
import org.originhub.store.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * National systems submit over HTTP with their source's API key (header {@value #HEADER}), and only as that source:
 * the key must hash to the apiKeySha256 of the source named in the path. A missing or wrong key, a key of another
 * source and an unknown source are all answered 401 alike, so the answer does not tell which sources exist.
 */
public class SourceKeys extends OncePerRequestFilter {

    public static final String HEADER = "X-Api-Key";
    private static final Pattern SUBMISSION = Pattern.compile("^/api/v1/sources/([^/]+)/certificates$");
    private static final Logger LOG = LoggerFactory.getLogger(SourceKeys.class);

    private final HubDirectory directory;

    public SourceKeys(HubDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !SUBMISSION.matcher(request.getRequestURI()).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher path = SUBMISSION.matcher(request.getRequestURI());
        String sourceId = path.matches() ? path.group(1) : null;
        String key = request.getHeader(HEADER);
        String expected = directory.source(sourceId).map(SourceDefinition::apiKeySha256).orElse(null);
        if (key == null || expected == null || !MessageDigest.isEqual(
                HexFormat.of().parseHex(Sha256.of(key.getBytes(StandardCharsets.UTF_8))), parse(expected))) {
            LOG.warn("HTTP submission for source {} from {} refused: {}", sourceId, request.getRemoteAddr(),
                    key == null ? "no API key" : "wrong API key");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/json");
            response.getWriter().write("{\"status\":401,\"message\":\"a valid API key of this source is required ("
                    + HEADER + ")\"}");
            return;
        }
        chain.doFilter(request, response);
    }

    private static byte[] parse(String hex) {
        try {
            return HexFormat.of().parseHex(hex.trim().toLowerCase());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
