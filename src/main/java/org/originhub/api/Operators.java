package org.originhub.api;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * Who performs an operator action, for the audit trail: the authenticated user of the HTTP request when there is
 * one, and always the address it came from (the console is not behind a login until the security issue lands,
 * so an unauthenticated action says so rather than inventing a name).
 */
public class Operators {

    public static final String OPERATOR = "OriginHubOperator";

    public void fromHttp(Exchange exchange) {
        HttpServletRequest request = exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest() : null;
        exchange.setProperty(OPERATOR, describe(request == null ? null : request.getUserPrincipal(),
                request == null ? null : request.getRemoteAddr(), "http"));
    }

    public static String describe(Principal principal, String address, String channel) {
        String who = principal == null ? "unauthenticated operator" : principal.getName();
        return who + " via " + channel + (address == null ? "" : " from " + address);
    }
}
