package org.originhub.ingest;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * The document in a JMS message, taken from the message itself instead of Camel's automatic mapping: the bytes of a
 * BytesMessage (its length checked before it is read), the text of a TextMessage as UTF-8. Any other type carries
 * no document, and its body is never touched: mapping an ObjectMessage means Java deserialization of whatever the
 * sender put in it, which ran the sender's classes in the hub. Such a message is refused like an unreadable document.
 */
public class JmsDocuments {

    private final SizeLimit limit;

    public JmsDocuments(long maxBytes) {
        this.limit = new SizeLimit(maxBytes);
    }

    public byte[] read(Message message, Exchange exchange) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            if (bytes.getBodyLength() > limit.maxBytes()) {
                return refused(exchange, new DocumentTooLargeException(bytes.getBodyLength(), limit.maxBytes()).getMessage());
            }
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return body;
        }
        if (message instanceof TextMessage text) {
            return text.getText() == null ? new byte[0] : text.getText().getBytes(StandardCharsets.UTF_8);
        }
        String type = message == null ? "message without a body" : message.getClass().getSimpleName();
        return refused(exchange, "a JMS " + type.replace("ActiveMQ", "") + " carries no document (send a BytesMessage or a"
                + " TextMessage); its body was not read");
    }

    private static byte[] refused(Exchange exchange, String why) {
        exchange.setProperty(DocumentIntake.UNREADABLE, why);
        return new byte[0];
    }
}
