package org.originhub.support;

import java.nio.charset.StandardCharsets;

/**
 * Hostile variants of the sample documents: each names the secret file or the canary only by address, so the
 * secret's content can reach the hub's outputs only if a parser follows the address.
 */
public final class HostileDocuments {

    /** What a document tries; the expected outcome is the hub's, whatever the channel. */
    public enum Payload {
        EXTERNAL_ENTITY_FILE(Syntax.XML, true),
        EXTERNAL_DTD_PARAMETER_ENTITY(Syntax.XML, true),
        BILLION_LAUGHS(Syntax.XML, true),
        SCHEMA_LOCATION(Syntax.XML, false),
        NO_NAMESPACE_SCHEMA_LOCATION(Syntax.XML, false),
        XINCLUDE(Syntax.XML, true),
        ESCAPED_MARKUP_AS_TEXT(Syntax.XML, false),
        CSV_FIELDS_WITH_MARKUP(Syntax.CSV, false),
        JSON_FIELDS_WITH_MARKUP(Syntax.JSON, false),
        OVERSIZE(Syntax.XML, true);

        public final Syntax syntax;
        /** Refused with a coded error; otherwise accepted, with any markup kept as plain text. */
        public final boolean refused;

        Payload(Syntax syntax, boolean refused) {
            this.syntax = syntax;
            this.refused = refused;
        }
    }

    public enum Syntax { XML, CSV, JSON }

    private static final String FORMD_ID = "TH-DFT-2025-D-0001234";
    private static final String KR_ID = "KR2025A00012345";
    private static final String CL_ID = "CL-SOFOFA-2025-000123";
    /** The first item's description, in the Form D sample and in the envelopes made from it. */
    private static final String DESCRIPTION = "<Description>NATURAL RUBBER TSR 20</Description>";

    private final String secretUri;
    private final Canary canary;
    private final int maxBytes;

    public HostileDocuments(String secretUri, Canary canary, int maxBytes) {
        this.secretUri = secretUri;
        this.canary = canary;
        this.maxBytes = maxBytes;
    }

    /** Markup that would read the secret if anything parsed it as XML; as data it is just text. */
    public String markupText() {
        return "<!DOCTYPE d [<!ENTITY x SYSTEM '" + secretUri + "'>]>&x;"
                + "<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='" + secretUri + "' parse='text'/>";
    }

    /** The national document for a payload, in the syntax of the source that takes it. */
    public byte[] national(Payload payload, String certificateId) {
        return switch (payload.syntax) {
            case CSV -> krCsv(certificateId, markupText());
            case JSON -> clJson(certificateId, markupText());
            case XML -> hostileXml(formd(certificateId), payload, "FormD", "urn:x-sample:eco:formd:1",
                    DESCRIPTION, "Description");
        };
    }

    /**
     * An envelope for a payload, made from a real envelope of the hub (one it stored): the same document with a
     * fresh message id, the certificate id replaced and the payload in the first item's description.
     */
    public byte[] envelope(Payload payload, String template, String templateId, String certificateId) {
        String envelope = new String(envelope(template, templateId, certificateId), StandardCharsets.UTF_8);
        byte[] hostile = hostileXml(envelope, payload, "Envelope", "urn:originhub:canonical:1", DESCRIPTION, "Description");
        // what a partner could legitimately sign (markup as text, schema hints) is signed after the change, so that
        // the hub gets past the signature to the parsing the test is about; what no parser should read stays unsigned
        return payload.refused ? hostile
                : TestSigning.resign(new String(hostile, StandardCharsets.UTF_8), TestSigning.demo()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A plain envelope: the template with a fresh message id and the certificate id replaced, signed again with the
     * demo key as the sending hub would (a hostile variant made from it no longer matches its signature: the hub
     * must refuse it whatever it carries).
     */
    public byte[] envelope(String template, String templateId, String certificateId) {
        String changed = template.replace(templateId, certificateId).replaceFirst("<MessageID>[^<]+</MessageID>",
                "<MessageID>" + java.util.UUID.randomUUID() + "</MessageID>");
        return TestSigning.resign(changed, TestSigning.demo()).getBytes(StandardCharsets.UTF_8);
    }

    public static String formd(String certificateId) {
        return text("formd-xml/TH-VN-rubber.xml").replace(FORMD_ID, certificateId);
    }

    public static byte[] krCsv(String certificateId, String description) {
        String csv = text("kr-csv/KR-ID-steel-batch.csv");
        // the first certificate only (the second has other ids), its first item's description replaced: quoted, so
        // that the ';' of an entity reference stays in the field
        String first = csv.substring(0, csv.indexOf("H;KR2025A00012346"));
        return first.replace(KR_ID, certificateId).replace("HOT ROLLED STEEL PLATE, THICKNESS > 10MM",
                "\"" + description.replace("\"", "\"\"") + "\"").getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] clJson(String certificateId, String description) {
        return text("cl-json/CL-PE-grapes.json").replace(CL_ID, certificateId)
                .replace("Uvas frescas de mesa, variedad Crimson", jsonEscape(description)).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] hostileXml(String document, Payload payload, String root, String namespace, String textElement,
            String textName) {
        String prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
        String body = document.startsWith("<?xml") ? document.substring(document.indexOf("?>") + 2) : document;
        String rootTag = "<" + root + " xmlns=\"" + namespace + "\"";
        if (!body.contains(rootTag) || !body.contains(textElement)) {
            throw new IllegalStateException("no " + rootTag + " or " + textElement + " in the template");
        }
        String xsi = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
        String result = switch (payload) {
            case EXTERNAL_ENTITY_FILE -> prolog + "\n<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"" + secretUri + "\">]>"
                    + body.replace(textElement, "<" + textName + ">&xxe;</" + textName + ">");
            case EXTERNAL_DTD_PARAMETER_ENTITY -> prolog + "\n<!DOCTYPE " + root + " SYSTEM \"" + canary.url("/external.dtd")
                    + "\" [<!ENTITY % remote SYSTEM \"" + canary.url("/parameter.dtd") + "\"> %remote;]>" + body;
            case BILLION_LAUGHS -> prolog + "\n" + billionLaughs(root)
                    + body.replace(textElement, "<" + textName + ">&lol9;</" + textName + ">");
            case SCHEMA_LOCATION -> prolog + body.replace(rootTag, rootTag + xsi + " xsi:schemaLocation=\"" + namespace
                    + " " + canary.url("/schema.xsd") + "\"");
            case NO_NAMESPACE_SCHEMA_LOCATION -> prolog + body.replace(rootTag, rootTag + xsi
                    + " xsi:noNamespaceSchemaLocation=\"" + canary.url("/schema.xsd") + "\"");
            case XINCLUDE -> prolog + body.replace(textElement, "<" + textName
                    + "><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + secretUri
                    + "\" parse=\"text\"/></" + textName + ">");
            case ESCAPED_MARKUP_AS_TEXT -> prolog + body.replace(textElement, "<" + textName + ">" + xmlEscape(markupText())
                    + "</" + textName + ">");
            case OVERSIZE -> prolog + body + "<!--" + " ".repeat(maxBytes) + "-->";
            case CSV_FIELDS_WITH_MARKUP, JSON_FIELDS_WITH_MARKUP -> throw new IllegalArgumentException(payload + " is not XML");
        };
        return result.getBytes(StandardCharsets.UTF_8);
    }

    private static String billionLaughs(String root) {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE " + root + " [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">\n");
        }
        return dtd.append("]>").toString();
    }

    public static String xmlEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String jsonEscape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String text(String sample) {
        return new String(HubTestSupport.sample(sample), StandardCharsets.UTF_8);
    }
}
