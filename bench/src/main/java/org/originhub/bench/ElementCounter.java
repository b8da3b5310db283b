package org.originhub.bench;

import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/** The cheapest handler that still consumes every element, shared by the raw and the secure parse so they compare. */
final class ElementCounter extends DefaultHandler {

    private int count;

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        count++;
    }

    int count() {
        return count;
    }
}
