package org.originhub.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The parsers SecureXml keeps per thread: each parse starts from the hardened settings and none of the last caller's
 * handlers, whatever the last caller changed, and a parse inside a parse gets a reader of its own.
 */
class SecureXmlReuseTest {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final byte[] PLAIN = "<a><b/></a>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] WITH_DOCTYPE = "<!DOCTYPE a [<!ENTITY x \"expanded\">]><a>&x;</a>"
            .getBytes(StandardCharsets.UTF_8);

    /** A handler that records the local name of each element it is told of. */
    private static DefaultHandler recordingNamesInto(List<String> names) {
        return new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String qName, Attributes attributes) {
                names.add(local);
            }
        };
    }

    private static InputSource source(byte[] xml) {
        return new InputSource(new ByteArrayInputStream(xml));
    }

    @Test
    void aReaderWhoseLastCallerSwitchedTheHardeningOffRefusesDoctypesAgainOnItsNextParse() throws Exception {
        XMLReader first = SecureXml.newReader();
        first.setFeature(DISALLOW_DOCTYPE, false);
        first.parse(source(WITH_DOCTYPE)); // the caller's own choice, for its own parse

        XMLReader next = SecureXml.newReader();

        assertThat(next).isSameAs(first); // the thread's reader, lent again
        assertThat(next.getFeature(DISALLOW_DOCTYPE)).isTrue();
        assertThatThrownBy(() -> next.parse(source(WITH_DOCTYPE))).isInstanceOf(SAXException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void aReaderForgetsTheLastCallersHandlersSoItsNextParseReportsNothingToThem() throws Exception {
        List<String> seen = new ArrayList<>();
        XMLReader first = SecureXml.newReader();
        first.setContentHandler(recordingNamesInto(seen));
        first.parse(source(PLAIN));

        XMLReader next = SecureXml.newReader();
        next.parse(source(PLAIN));

        assertThat(next.getContentHandler()).isNull();
        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void aParseInsideAParseGetsAReaderOfItsOwnAndBothFinish() throws Exception {
        List<String> outer = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        XMLReader reader = SecureXml.newReader();
        reader.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String qName, Attributes attributes)
                    throws SAXException {
                outer.add(local);
                if (local.equals("a")) {
                    XMLReader nested = SecureXml.newReader();
                    assertThat(nested).isNotSameAs(reader);
                    nested.setContentHandler(recordingNamesInto(inner));
                    try {
                        nested.parse(source("<x><y/></x>".getBytes(StandardCharsets.UTF_8)));
                    } catch (java.io.IOException e) {
                        throw new SAXException(e);
                    }
                }
            }
        });

        reader.parse(source(PLAIN));

        assertThat(outer).containsExactly("a", "b");
        assertThat(inner).containsExactly("x", "y");
        assertThat(SecureXml.newReader()).isSameAs(reader); // given back once its parse ended
    }

    @Test
    void aFailedParseGivesTheReaderBackReadyForTheNextDocument() throws Exception {
        XMLReader first = SecureXml.newReader();
        assertThatThrownBy(() -> first.parse(source("<a><b></a>".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(SAXException.class);

        List<String> seen = new ArrayList<>();
        XMLReader next = SecureXml.newReader();
        next.setContentHandler(recordingNamesInto(seen));
        next.parse(source(PLAIN));

        assertThat(next).isSameAs(first);
        assertThat(seen).containsExactly("a", "b");
    }
}
