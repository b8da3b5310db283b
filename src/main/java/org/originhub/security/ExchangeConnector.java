package org.originhub.security;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The partner exchange port: TLS with a client certificate required, trusting only the partners' certificates.
 * Operators and national systems keep the main port; a partner hub reaches /api/v1/exchange only here
 * ({@link PartnerTransport} refuses it on any other port while mutual TLS is on).
 */
public class ExchangeConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ExchangeTls tls;

    public ExchangeConnector(ExchangeTls tls) {
        this.tls = tls;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!tls.enabled()) {
            return;
        }
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(tls.port());
        connector.setScheme("https");
        connector.setSecure(true);
        Http11NioProtocol protocol = (Http11NioProtocol) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setCertificateVerification("required");
        ssl.setProtocols("TLSv1.2+TLSv1.3");
        ssl.setTrustStore(tls.partnersTrustStore());
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(tls.hubKey());
        certificate.setCertificateKeystorePassword(new String(tls.hubKeyPassword()));
        ssl.addCertificate(certificate);
        protocol.addSslHostConfig(ssl);
        factory.addAdditionalTomcatConnectors(connector);
    }
}
