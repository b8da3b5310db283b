package org.originhub.canonical;

import java.io.InputStream;
import java.net.URL;
import java.util.HashSet;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/** The codes of one code-list file ({@code <codelist><entry code=".."/>...}), the same files the stylesheets read. */
public final class CodeList {

    private final Set<String> codes;

    private CodeList(Set<String> codes) {
        this.codes = Set.copyOf(codes);
    }

    public static CodeList load(URL file) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Set<String> codes = new HashSet<>();
        try (InputStream in = file.openStream()) {
            XMLStreamReader reader = factory.createXMLStreamReader(in);
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT && "entry".equals(reader.getLocalName())) {
                    codes.add(reader.getAttributeValue(null, "code"));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("code list " + file + " is unreadable: " + e.getMessage(), e);
        }
        return new CodeList(codes);
    }

    public boolean contains(String code) {
        return code != null && codes.contains(code);
    }
}
