package org.originhub.bench;

import java.io.IOException;
import java.net.URL;
import org.originhub.canonical.CanonicalModel;
import org.originhub.canonical.CodeList;
import org.originhub.canonical.EnvelopeFactory;
import org.originhub.format.NationalFormats;
import org.originhub.format.XsltEngine;
import org.originhub.rules.BusinessRules;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The hub's stage beans, built the way {@code org.originhub.config.HubBeans} builds them, from the hub's
 * default locations ({@code application.properties}): formats, stylesheets, schemas and code lists are read
 * from the hub's own jar on the classpath. No Spring context, Camel, broker or database is started, so a
 * benchmark measures a stage and nothing around it.
 */
public final class HubStages {

    // application.properties: originhub.config-location, originhub.xslt-location, originhub.xsd-location
    static final String FORMATS = "classpath:config/formats/";
    static final String XSLT = "classpath:xslt/";
    static final String XSD = "classpath:xsd/";
    /** originhub.hub.agency: envelopes are sent as {@code <export country>:<agency>}, partners are {@code <CC>:OH}. */
    static final String AGENCY = "OH";

    final XsltEngine engine;
    final NationalFormats formats;
    final CanonicalModel canonical;
    final BusinessRules rules;
    final EnvelopeFactory envelopes;
    /**
     * The demo key (config/demo-keys, EC P-256) signs, with the signature engine the hub picks by default (native where
     * it loads; {@code -Doriginhub.signing.engine=jdk} for the JDK's); its certificate is trusted for every party, as in
     * the demo partner files.
     */
    final org.originhub.signature.EnvelopeSigner signer;
    final org.originhub.signature.EnvelopeVerifier verifier;

    private static final org.originhub.signature.SignatureEngine SIGNATURES =
            org.originhub.signature.SignatureEngine.named(System.getProperty("originhub.signing.engine"));

    private HubStages() {
        engine = new XsltEngine(url(XSLT), url(XSD));
        formats = NationalFormats.load(engine, FORMATS, XSLT, XSD);
        canonical = new CanonicalModel(url(XSD + "canonical/v1/originhub-envelope.xsd"));
        String lists = XSLT + "codelists/canonical/";
        rules = new BusinessRules(CodeList.load(url(lists + "countries.xml")),
                CodeList.load(url(lists + "currencies.xml")), CodeList.load(url(lists + "units.xml")),
                CodeList.load(url(lists + "packages.xml")));
        envelopes = new EnvelopeFactory();
        try (java.io.InputStream key = url("classpath:config/demo-keys/demo-hub.p12").openStream()) {
            signer = org.originhub.signature.KeyMaterial.signer(key, "demo-only".toCharArray(), "demo-hub", SIGNATURES);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the demo signing key", e);
        }
        java.util.List<java.security.cert.X509Certificate> trusted = java.util.List.of(signer.certificate());
        verifier = new org.originhub.signature.EnvelopeVerifier(party -> java.util.Optional.of(trusted),
                java.time.Clock.systemUTC(), SIGNATURES);
    }

    /** Compiles every stylesheet and schema: call once per trial, never inside a measured method. */
    public static HubStages load() {
        return new HubStages();
    }

    /** A URL for one of the hub's files, resolved as HubBeans resolves it. */
    static URL url(String location) {
        try {
            return new PathMatchingResourcePatternResolver().getResource(location).getURL();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find " + location, e);
        }
    }
}
