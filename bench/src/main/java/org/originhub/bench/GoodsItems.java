package org.originhub.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Form D documents of any size for the scaling benchmarks: the sample's header as it is, and its goods items
 * repeated in turn (item 1, item 2, item 1, ...) and numbered 1..n, so that every size is a valid
 * certificate the hub accepts and only the item count changes. Both schemas cap a certificate at 999 goods
 * items ({@code maxOccurs="999"} in formd-xml-1.0.xsd and originhub-eco.xsd).
 *
 * <p>{@code java -cp bench/target/benchmarks.jar org.originhub.bench.GoodsItems 100 > formd-100.xml} writes one.
 */
public final class GoodsItems {

    static final String FORMD_NS = "urn:x-sample:eco:formd:1";

    private GoodsItems() {
    }

    public static byte[] formD(byte[] sample, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a certificate has at least one goods item, not " + count);
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(sample));
            Element items = (Element) document.getElementsByTagNameNS(FORMD_NS, "Items").item(0);
            List<Element> originals = new ArrayList<>();
            for (Node child = items.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element && "Item".equals(element.getLocalName())) {
                    originals.add(element);
                }
            }
            // keep the sample's indentation, so bytes per item stay what a real document carries
            String between = textOr(items.getFirstChild(), "\n");
            String closing = textOr(items.getLastChild(), "\n");
            while (items.hasChildNodes()) {
                items.removeChild(items.getFirstChild());
            }
            for (int no = 1; no <= count; no++) {
                Element item = (Element) originals.get((no - 1) % originals.size()).cloneNode(true);
                item.setAttribute("no", Integer.toString(no));
                items.appendChild(document.createTextNode(between));
                items.appendChild(item);
            }
            items.appendChild(document.createTextNode(closing));
            document.setXmlStandalone(true);
            Transformer serializer = TransformerFactory.newDefaultInstance().newTransformer();
            serializer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream(sample.length * Math.max(1, count / 2));
            serializer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a Form D with " + count + " goods items", e);
        }
    }

    private static String textOr(Node node, String otherwise) {
        return node != null && node.getNodeType() == Node.TEXT_NODE ? node.getNodeValue() : otherwise;
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        System.out.write(formD(Samples.read(Samples.FORMD_XML), count));
        System.out.flush();
    }
}
