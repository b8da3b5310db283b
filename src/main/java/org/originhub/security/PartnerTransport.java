package org.originhub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.originhub.config.HubDirectory;
import org.originhub.config.PartnerDefinition;
import org.originhub.exchange.ExchangeReceiver;

/**
 * Who is at the exchange door, by transport. With mutual TLS on, an envelope is taken only on the exchange port,
 * from a client whose certificate belongs to a configured partner, and only when the envelope's sender is that
 * partner: administration A's certificate cannot deliver as B. Off (the demo), the door is plain HTTP and the
 * envelope's signature is the only proof of its sender.
 */
public class PartnerTransport {

    public static final String TLS_PARTNER = "OriginHubTlsPartner";

    private final ExchangeTls tls;
    private final HubDirectory directory;

    public PartnerTransport(ExchangeTls tls, HubDirectory directory) {
        this.tls = tls;
        this.directory = directory;
    }

    /** Before the body is read: the request came in on the exchange port with a partner's client certificate. */
    public void admit(Exchange exchange) {
        if (!tls.enabled()) {
            return;
        }
        HttpServletRequest request = exchange.getIn() instanceof PlatformHttpMessage http ? http.getRequest() : null;
        if (request == null || !request.isSecure() || request.getLocalPort() != tls.port()) {
            throw new PartnerNotAuthenticatedException("partner hubs deliver over mutual TLS, on the exchange port");
        }
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        String partner = tls.partnerOf(chain).orElseThrow(() -> new PartnerNotAuthenticatedException(
                "the client certificate belongs to no configured partner"));
        exchange.setProperty(TLS_PARTNER, partner);
    }

    /** After the envelope is opened: its sender is the partner the client certificate belongs to. */
    public ExchangeReceiver.Incoming matchSender(ExchangeReceiver.Incoming incoming, Exchange exchange) {
        String partner = exchange.getProperty(TLS_PARTNER, String.class);
        if (!tls.enabled() || partner == null) {
            return incoming;
        }
        String sender = incoming.parsed().envelope().getSenderID();
        boolean same = directory.partnerByPartyId(sender).map(PartnerDefinition::id).filter(partner::equals).isPresent();
        if (!same) {
            throw new PartnerNotAuthenticatedException("the client certificate is partner " + partner
                    + "'s; the envelope claims to come from " + sender);
        }
        return incoming;
    }
}
