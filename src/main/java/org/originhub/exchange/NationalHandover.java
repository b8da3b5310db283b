package org.originhub.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.FileEndpoint;
import org.originhub.canonical.EnvelopeFactory;
import org.originhub.config.HubProperties;
import org.originhub.format.NationalFormats;
import org.originhub.format.ReceivedCertificate;
import org.originhub.store.AuditEvent;
import org.originhub.store.AuditTrail;
import org.originhub.store.Direction;
import org.originhub.store.Sha256;

/** Renders a received certificate in the national system's format and records that it was handed over. */
public class NationalHandover {

    public static final String CERTIFICATE_ID = "OriginHubCertificateId";
    public static final String MESSAGE_ID = "OriginHubMessageIdProperty";
    public static final String FORMAT = "OriginHubNationalFormat";
    public static final String NAME = "OriginHubNationalName";

    private final NationalFormats formats;
    private final HubProperties.NationalTarget target;
    private final AuditTrail audit;
    /** The national folder, when the target is one: resolved from the target's endpoint on first use. */
    private volatile Optional<Path> folder;

    public NationalHandover(NationalFormats formats, HubProperties.NationalTarget target, AuditTrail audit) {
        this.formats = formats;
        this.target = target;
        this.audit = audit;
        java.util.Set<String> wanted = new java.util.HashSet<>(java.util.List.of(target.format()));
        if (target.formatByCountry() != null) {
            wanted.addAll(target.formatByCountry().values());
        }
        for (String format : wanted) {
            if (!formats.has(format)) {
                throw new IllegalStateException("national target format '" + format + "' is not a configured format "
                        + formats.ids());
            }
        }
    }

    public byte[] render(byte[] envelopeBytes, Exchange exchange) {
        ReceivedCertificate received = formats.received(envelopeBytes);
        String certificateId = received.certificateId();
        String format = target.formatFor(received.importCountry());
        exchange.setProperty(CERTIFICATE_ID, certificateId);
        exchange.setProperty(MESSAGE_ID, received.messageId());
        exchange.setProperty(FORMAT, format);
        String extension = formats.descriptor(format).fileExtension();
        byte[] national;
        try {
            national = formats.fromCanonical(format, received.certificate());
        } catch (IllegalArgumentException e) {
            throw new NationalRenderingException(certificateId, e.getMessage());
        }
        String name = fileName(received, false) + "." + extension;
        // only an original's plain name can be another document's: any other name carries its own message id
        if (heldByAnotherDocument(name, national, exchange.getContext())) {
            name = fileName(received, true) + "." + extension;
        }
        exchange.setProperty(NAME, name);
        exchange.getIn().setHeader(Exchange.FILE_NAME, name);
        exchange.getIn().setHeader(Exchange.CONTENT_TYPE, formats.descriptor(format).mediaType());
        return national;
    }

    /**
     * Whether the national folder already holds a different document under this name: an original another issuer
     * sent under the same certificate id. The same document again (a hand-over redelivered after a crash) is not
     * another one, so it is written over itself, not twice. Certificate ids are grouped on the hand-over queue, so no
     * other consumer writes this name between the look and the write.
     */
    private boolean heldByAnotherDocument(String name, byte[] national, CamelContext camel) {
        Optional<Path> nationalFolder = folder;
        if (nationalFolder == null) {
            nationalFolder = camel.getEndpoint(target.uri()) instanceof FileEndpoint file
                    ? Optional.of(file.getFile().toPath()) : Optional.empty();
            folder = nationalFolder;
        }
        Path existing = nationalFolder.map(dir -> dir.resolve(name)).orElse(null);
        if (existing == null || !Files.exists(existing)) {
            return false;
        }
        try {
            return !Arrays.equals(Files.readAllBytes(existing), national);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An original is named after its certificate id. A replacement or a reissue carries the same id, and the national
     * formats do not say which it is: named after the id alone it would overwrite the original's file, or, delivered
     * first after a partner's retries, be overwritten by it. So any other function gets its function code and message
     * id too ({@code <id>-5-<message id>}), as deliveries to a partner's folder get the message id. The ids come from
     * a partner, so only characters safe in a file name are kept; an id that lost some gets a short hash of itself,
     * so that "TH/1" and "TH:1" do not both become "TH_1". An original whose plain name another document holds (two
     * issuers can use the same id) is named like the others.
     */
    static String fileName(ReceivedCertificate received, boolean plainNameTaken) {
        String id = safe(received.certificateId());
        return EnvelopeFactory.ORIGINAL.equals(received.functionCode()) && !plainNameTaken ? id
                : id + "-" + safe(received.functionCode()) + "-" + safe(received.messageId());
    }

    private static String safe(String value) {
        String safe = value.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.equals(value) ? value
                : safe + "-" + Sha256.of(value.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    /** A certificate the national format cannot express: parked for an operator, not retried. */
    public void renderingFailed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        audit.record(AuditEvent.HANDOVER_FAILED, new AuditTrail.Subject(Direction.INBOUND,
                exchange.getProperty(CERTIFICATE_ID, String.class), exchange.getProperty(MESSAGE_ID, String.class), null,
                null, null), cause == null ? "unknown error" : cause.getMessage());
    }

    public void handedOver(byte[] national, Exchange exchange) {
        audit.record(AuditEvent.HANDED_TO_NATIONAL, new AuditTrail.Subject(Direction.INBOUND,
                exchange.getProperty(CERTIFICATE_ID, String.class), exchange.getProperty(MESSAGE_ID, String.class), null,
                null, Sha256.of(national)), "as " + exchange.getProperty(FORMAT, String.class) + " to " + target.uri()
                + ", named " + exchange.getProperty(NAME, String.class));
    }
}
