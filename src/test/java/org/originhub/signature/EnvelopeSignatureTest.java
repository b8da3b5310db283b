package org.originhub.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.originhub.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The signer and verifier on their own, no Camel: what a partner's envelope must be for the hub to accept its
 * signature, and each way of getting it wrong with its code (E010 signature invalid, E011 signer untrusted, E020
 * unknown sender). Some forgeries are cryptographically valid signatures that plain JSR 105 accepts: the tests say so,
 * to show the rule that stops them is the verifier's own.
 */
class EnvelopeSignatureTest {

    private static final String TH = "TH:DFT";
    private static final String VN = "VN:GDVC";
    /** Trusts the partner's CA, not one certificate. */
    private static final String LA = "LA:DOIMEX";
    /** Its only certificate expired in 2020. */
    private static final String KH = "KH:GDCE";
    /** A partner with no signing certificate configured. */
    private static final String MM = "MM:MOC";

    private static final Map<String, List<X509Certificate>> PARTNERS = Map.of(
            TH, TestKeys.certificates("th-dft"),
            VN, TestKeys.certificates("vn-gdvc"),
            LA, TestKeys.certificates("partner-ca"),
            KH, TestKeys.certificates("expired"),
            MM, List.of());
    private static final TrustAnchors ANCHORS = party -> Optional.ofNullable(PARTNERS.get(party));

    private final EnvelopeVerifier verifier = new EnvelopeVerifier(ANCHORS, Clock.systemUTC());

    private static byte[] envelope(String senderId) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Envelope xmlns=\"urn:originhub:canonical:1\"><MessageID>6f1c2a3e-8a8d-4a43-9f7e-2b4d1c1e0a01</MessageID>"
                + "<MessageTypeCode>ECO</MessageTypeCode><FunctionCode>9</FunctionCode><SenderID>" + senderId
                + "</SenderID><ReceiverID>VN:GDVC</ReceiverID><AgreementCode>ATIGA</AgreementCode>"
                + "<SentDateTime>2025-05-12T10:00:00.000+07:00</SentDateTime><Payload><CertificateOfOrigin>"
                + "<CertificateID>TH-DFT-2025-D-0001234</CertificateID><GoodsItem><SequenceNumber>1</SequenceNumber>"
                + "<Description>NATURAL RUBBER TSR 20</Description><GrossWeight unitCode=\"KGM\">40320</GrossWeight>"
                + "</GoodsItem></CertificateOfOrigin></Payload></Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }

    private AbstractThrowableAssert<?, ?> assertRejected(byte[] envelope, String code) {
        return assertThatThrownBy(() -> verifier.verify(envelope)).isInstanceOf(SignatureRejectedException.class)
                .satisfies(e -> assertThat(((SignatureRejectedException) e).code()).as(e.getMessage()).isEqualTo(code));
    }

    /** What a verifier without the hub's rules says: JSR 105 alone, with the key the document names. */
    private static boolean plainJsr105Accepts(byte[] signed, X509Certificate certificate) throws Exception {
        Document document = SecureXml.parseDocument(signed);
        Element signature = (Element) document.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        DOMValidateContext context = new DOMValidateContext(certificate.getPublicKey(), signature);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        return XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context).validate(context);
    }

    @Test
    void envelopeSignedWithThsRsaKeyIsAcceptedAsThAndTheVerifiedBytesAreTheOnesReceived() {
        byte[] signed = TestKeys.signer("th-dft").sign(envelope(TH));

        VerifiedEnvelope verified = verifier.verify(signed);

        assertThat(verified.document()).isSameAs(signed);
        assertThat(verified.senderId()).isEqualTo(TH);
        assertThat(verified.signer()).isEqualTo(TestKeys.certificates("th-dft").get(0));
    }

    @Test
    void envelopeSignedWithVnsEcdsaKeyIsAccepted() {
        byte[] signed = TestKeys.signer("vn-gdvc").sign(envelope(VN));

        assertThat(verifier.verify(signed).senderId()).isEqualTo(VN);
        assertThat(text(signed)).contains("Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256\"");
    }

    @Test
    void hubSignatureIsOneEnvelopedSignatureOverTheWholeEnvelopeAsItsLastChild() throws Exception {
        byte[] signed = TestKeys.signer("th-dft").sign(envelope(TH));

        Document document = SecureXml.parseDocument(signed);
        Element root = document.getDocumentElement();
        assertThat(root.getLastChild().getLocalName()).isEqualTo("Signature");
        assertThat(root.getLastChild().getNamespaceURI()).isEqualTo(XMLSignature.XMLNS);
        assertThat(text(signed)).contains("<ds:Reference URI=\"\">",
                "Algorithm=\"http://www.w3.org/2000/09/xmldsig#enveloped-signature\"",
                "Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"",
                "Algorithm=\"http://www.w3.org/2001/04/xmldsig-more#rsa-sha256\"",
                "Algorithm=\"http://www.w3.org/2001/04/xmlenc#sha256\"", "<ds:X509Certificate>")
                // the content itself is untouched
                .contains("<SenderID>TH:DFT</SenderID>", "<Description>NATURAL RUBBER TSR 20</Description>");
    }

    @Test
    void signedEnvelopeIsTheGivenBytesWithOnlyTheSignatureAddedBeforeTheRootsEndTag() {
        // single quotes, which a serializer writing the tree again would turn into double ones
        String original = text(envelope(TH)).replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<?xml version='1.0' encoding='UTF-8'?>").replace("xmlns=\"urn:originhub:canonical:1\"",
                "xmlns='urn:originhub:canonical:1'");
        byte[] given = original.getBytes(StandardCharsets.UTF_8);
        int endTag = original.lastIndexOf("</Envelope>");

        String signed = text(TestKeys.signer("th-dft").sign(given));

        // the bytes as given, declaration included, not a tree written again
        assertThat(signed).startsWith(original.substring(0, endTag) + "<ds:Signature ")
                .endsWith("</ds:Signature></Envelope>");
        assertThat(verifier.verify(signed.getBytes(StandardCharsets.UTF_8)).senderId()).isEqualTo(TH);
    }

    @Test
    void signerRefusesAnEnvelopeThatIsAlreadySigned() {
        EnvelopeSigner signer = TestKeys.signer("th-dft");
        byte[] signed = signer.sign(envelope(TH));

        assertThatThrownBy(() -> signer.sign(signed)).hasMessageContaining("already signed");
    }

    @Test
    void payloadChangedAfterSigningIsRejectedWithE010() {
        byte[] signed = TestKeys.signer("th-dft").sign(envelope(TH));
        byte[] tampered = text(signed).replace("40320", "4032").getBytes(StandardCharsets.UTF_8);

        assertRejected(tampered, "E010").hasMessageContaining("changed after it was signed");
    }

    @Test
    void envelopeWithoutSignatureIsRejectedWithE010() {
        assertRejected(envelope(TH), "E010").hasMessageContaining("not signed");
    }

    @Test
    void signatureWhoseReferencePointsIntoADsObjectInsteadOfTheEnvelopeIsRejectedWithE010() throws Exception {
        // Wrapping: TH signed a certificate, kept in a ds:Object; the root carries other content, unsigned.
        Document original = SecureXml.parseDocument(envelope(TH));
        byte[] forged = new ForgedSignature().references("#signed-part").object(original.getDocumentElement())
                .sign(text(envelope(TH)).replace("40320", "1").getBytes(StandardCharsets.UTF_8), TestKeys.key("th-dft"));
        assertThat(plainJsr105Accepts(forged, TestKeys.certificates("th-dft").get(0))).isTrue();

        assertRejected(forged, "E010").hasMessageContaining("URI=\"\"");
    }

    @Test
    void signedEnvelopeMovedIntoAWrapperIsRejectedWithE010() throws Exception {
        Document signed = SecureXml.parseDocument(TestKeys.signer("th-dft").sign(envelope(TH)));
        Document wrapper = SecureXml.parseDocument("<Wrapper xmlns=\"urn:x-attacker\"/>".getBytes(StandardCharsets.UTF_8));
        wrapper.getDocumentElement().appendChild(wrapper.importNode(signed.getDocumentElement(), true));

        assertRejected(SecureXml.serialize(wrapper), "E010").hasMessageContaining("must be a canonical Envelope");
    }

    @Test
    void signedEnvelopeNestedInsideAForgedOneIsRejectedWithE010() throws Exception {
        // The forged envelope shows its own payload and carries the genuine signed one after it.
        Document forged = SecureXml.parseDocument(text(envelope(TH)).replace("40320", "1").getBytes(StandardCharsets.UTF_8));
        Document signed = SecureXml.parseDocument(TestKeys.signer("th-dft").sign(envelope(TH)));
        forged.getDocumentElement().appendChild(forged.importNode(signed.getDocumentElement(), true));

        assertRejected(SecureXml.serialize(forged), "E010").hasMessageContaining("last element of the Envelope");
    }

    @Test
    void signatureWithASecondReferenceIsRejectedWithE010() throws Exception {
        byte[] forged = new ForgedSignature().references("", "").sign(envelope(TH), TestKeys.key("th-dft"));
        assertThat(plainJsr105Accepts(forged, TestKeys.certificates("th-dft").get(0))).isTrue();

        assertRejected(forged, "E010").hasMessageContaining("exactly one reference");
    }

    @Test
    void envelopeWithASecondSignatureIsRejectedWithE010() throws Exception {
        byte[] once = TestKeys.signer("th-dft").sign(envelope(TH));
        byte[] twice = new ForgedSignature().sign(once, TestKeys.key("th-dft"));

        assertRejected(twice, "E010").hasMessageContaining("2 signatures");
    }

    @Test
    void signatureInsideThePayloadInsteadOfAtTheEndIsRejectedWithE010() throws Exception {
        Document document = SecureXml.parseDocument(envelope(TH));
        Element payload = (Element) document.getElementsByTagNameNS(EnvelopeVerifier.NAMESPACE, "Payload").item(0);
        new ForgedSignature().sign(document, payload, TestKeys.key("th-dft"));

        assertRejected(SecureXml.serialize(document), "E010").hasMessageContaining("last element of the Envelope");
    }

    @Test
    void extraXPathTransformThatLeavesThePayloadOutOfTheDigestIsRejectedWithE010() throws Exception {
        byte[] signed = new ForgedSignature().xpathFilter("not(ancestor-or-self::oh:Payload)")
                .sign(envelope(TH), TestKeys.key("th-dft"));
        byte[] tampered = text(signed).replace("40320", "1").getBytes(StandardCharsets.UTF_8);
        assertThat(plainJsr105Accepts(tampered, TestKeys.certificates("th-dft").get(0))).isTrue();

        assertRejected(tampered, "E010").hasMessageContaining("transforms must be exactly");
    }

    @Test
    void rsaSha1SignatureMethodIsRejectedWithE010() throws Exception {
        byte[] signed = new ForgedSignature().signatureMethod("http://www.w3.org/2000/09/xmldsig#rsa-sha1")
                .sign(envelope(TH), TestKeys.key("th-dft"));

        assertRejected(signed, "E010").hasMessageContaining("rsa-sha1");
    }

    @Test
    void sha1DigestIsRejectedWithE010() throws Exception {
        byte[] signed = new ForgedSignature().digestMethod(DigestMethod.SHA1).sign(envelope(TH), TestKeys.key("th-dft"));

        assertRejected(signed, "E010").hasMessageContaining("sha1");
    }

    @Test
    void certificateOfThSigningAsVnIsRejectedWithE011() {
        byte[] signed = TestKeys.signer("th-dft").sign(envelope(VN));

        assertRejected(signed, "E011").hasMessageContaining("not trusted to sign as VN:GDVC");
    }

    @Test
    void envelopeOfThReaddressedAsVnsIsRejectedWithE011() {
        byte[] signed = TestKeys.signer("th-dft").sign(envelope(TH));
        byte[] readdressed = text(signed).replace("<SenderID>TH:DFT", "<SenderID>VN:GDVC").getBytes(StandardCharsets.UTF_8);

        assertRejected(readdressed, "E011");
    }

    @Test
    void trustedCertificateInKeyInfoWithTheSignatureMadeByAnotherKeyIsRejectedWithE010() throws Exception {
        byte[] forged = new ForgedSignature().keyInfo(TestKeys.certificates("th-dft"))
                .sign(envelope(TH), TestKeys.key("other-ca"));

        assertRejected(forged, "E010").hasMessageContaining("signature value does not match");
    }

    @Test
    void expiredCertificateIsRejectedWithE011EvenWhenItIsTheOneConfigured() {
        byte[] signed = TestKeys.signer("expired").sign(envelope(KH));

        assertRejected(signed, "E011").hasMessageContaining("expired on 2020-01-31");
    }

    @Test
    void certificateNotValidYetIsRejectedWithE011() {
        EnvelopeVerifier in2023 = new EnvelopeVerifier(ANCHORS, Clock.fixed(Instant.parse("2023-06-01T00:00:00Z"),
                ZoneOffset.UTC));
        byte[] signed = TestKeys.signer("th-dft").sign(envelope(TH));

        assertThatThrownBy(() -> in2023.verify(signed)).isInstanceOf(SignatureRejectedException.class)
                .hasMessageContaining("E011").hasMessageContaining("not valid before 2024-01-01");
    }

    @Test
    void certificateIssuedByThePartnersCaIsAccepted() {
        EnvelopeSigner issued = TestKeys.signer("issued-by-ca");
        assertThat(PARTNERS.get(LA)).doesNotContain(issued.certificate());

        assertThat(verifier.verify(issued.sign(envelope(LA))).senderId()).isEqualTo(LA);
    }

    @Test
    void certificateIssuedByOnePartnersCaCannotSignAsAnotherPartnerE011() {
        byte[] signed = TestKeys.signer("issued-by-ca").sign(envelope(TH));

        assertRejected(signed, "E011");
    }

    @Test
    void partnerWithoutAConfiguredCertificateIsRejectedWithE011() {
        byte[] signed = TestKeys.signer("th-dft").sign(envelope(MM));

        assertRejected(signed, "E011").hasMessageContaining("no signing certificate is configured for partner MM:MOC");
    }

    @Test
    void senderNoPartnerHasIsRejectedWithE020() {
        byte[] signed = TestKeys.signer("th-dft").sign(envelope("ZZ:NOBODY"));

        assertRejected(signed, "E020").hasMessageContaining("ZZ:NOBODY");
    }

    @Test
    void documentWithADoctypeIsRejectedWithE010BeforeAnythingIsExpanded() {
        byte[] doctype = ("<?xml version=\"1.0\"?><!DOCTYPE Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Envelope xmlns=\"urn:originhub:canonical:1\"><SenderID>&x;</SenderID></Envelope>")
                .getBytes(StandardCharsets.UTF_8);

        assertRejected(doctype, "E010").hasMessageContaining("DOCTYPE");
    }
}
