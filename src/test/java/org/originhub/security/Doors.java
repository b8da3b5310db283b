package org.originhub.security;

import jakarta.jms.BytesMessage;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.originhub.support.HubTestSupport;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.jms.core.MessageCreator;

/**
 * Every door of one running hub, as a test walks through it: a document goes in by one ingress, and what the hub
 * answers comes back as an {@link Answer}, whatever form the answer takes on that channel (HTTP body, JMS report,
 * result file next to the moved file, ACK file, or nothing at all).
 */
final class Doors {

    /** The ways in. National ingresses take a source's document; the others a partner hub's envelope. */
    enum Ingress {
        HTTP(true), HTTP_CHUNKED(true), JMS_BYTES(true), JMS_TEXT(true), SFTP(true), FILE_DROP(true),
        EXCHANGE(false), EXCHANGE_CHUNKED(false), PARTNER_SFTP(false);

        final boolean national;

        Ingress(boolean national) {
            this.national = national;
        }
    }

    enum Verdict { ACCEPTED, REFUSED_WITH_CODE, REFUSED_WITHOUT_CODE, NO_ANSWER }

    /** What the hub answered, as text (every answer is searched for leaks), and what it amounts to. */
    record Answer(Verdict verdict, String text) {
    }

    private static final Duration ASYNC = Duration.ofSeconds(30);
    /** Where a taken file goes, and what its answer next to it is called. */
    private static final Map<String, String> NATIONAL_ANSWERS = Map.of(".done", ".result.json", ".failed", ".result.json",
            ".error", ".result.json");
    private static final Map<String, String> PARTNER_ANSWERS = Map.of(".done", ".ack.xml", ".error", ".error.json");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"E\\d{3}\"|<Code>E\\d{3}</Code>");

    private final int port;
    private final Path data;
    private final Path sftpRoot;
    private final String partnerDirectory;
    private final JmsTemplate jms;

    Doors(int port, Path data, Path sftpRoot, String partnerDirectory, JmsTemplate jms) {
        this.port = port;
        this.data = data;
        this.sftpRoot = sftpRoot;
        this.partnerDirectory = partnerDirectory;
        this.jms = jms;
        jms.setReceiveTimeout(500);
    }

    /** One document to feed, under a file name where the door takes files. */
    record Document(String fileName, byte[] content) {
    }

    /**
     * Feeds documents in order and answers each. A folder door gets them all at once (its polls are slow); the
     * others one after the other.
     */
    List<Answer> feed(Ingress ingress, String sourceId, List<Document> documents) throws Exception {
        List<Answer> answers = new ArrayList<>();
        if (ingress == Ingress.FILE_DROP || ingress == Ingress.SFTP || ingress == Ingress.PARTNER_SFTP) {
            for (Document document : documents) {
                put(folderOf(ingress, sourceId), document);
            }
            for (Document document : documents) {
                answers.add(awaitAnswer(folderOf(ingress, sourceId), document.fileName(),
                        ingress == Ingress.PARTNER_SFTP ? PARTNER_ANSWERS : NATIONAL_ANSWERS));
            }
            return answers;
        }
        for (Document document : documents) {
            answers.add(feed(ingress, sourceId, document.fileName(), document.content(), Map.of()));
        }
        return answers;
    }

    private Path folderOf(Ingress ingress, String sourceId) {
        return switch (ingress) {
            case FILE_DROP -> data.resolve("inbox").resolve(sourceId);
            case SFTP -> sftpRoot.resolve(sourceId).resolve("outbox");
            case PARTNER_SFTP -> sftpRoot.resolve(partnerDirectory);
            default -> throw new IllegalArgumentException(ingress + " takes no files");
        };
    }

    /** Feeds a document to the source (national ingress) or as a partner's envelope, with extra headers where the door has them. */
    Answer feed(Ingress ingress, String sourceId, String fileName, byte[] document, Map<String, String> headers) throws Exception {
        return switch (ingress) {
            case HTTP, HTTP_CHUNKED -> http(ingress, "/api/v1/sources/" + sourceId + "/certificates", sourceId, document, headers);
            case EXCHANGE, EXCHANGE_CHUNKED -> http(ingress, "/api/v1/exchange", null, document, headers);
            case JMS_BYTES, JMS_TEXT -> jms(ingress, "originhub.ingest." + sourceId, document, headers);
            case FILE_DROP, SFTP -> folder(folderOf(ingress, sourceId), new Document(fileName, document), NATIONAL_ANSWERS);
            case PARTNER_SFTP -> folder(folderOf(ingress, sourceId), new Document(fileName, document), PARTNER_ANSWERS);
        };
    }

    private Answer http(Ingress ingress, String path, String sourceId, byte[] document, Map<String, String> headers) {
        boolean chunked = ingress == Ingress.HTTP_CHUNKED || ingress == Ingress.EXCHANGE_CHUNKED;
        // a stream of unknown length goes out chunked, without Content-Length
        HttpRequest.BodyPublisher body = chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(document))
                : HttpRequest.BodyPublishers.ofByteArray(document);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path
                + headers.getOrDefault("?", ""))).header("Content-Type", "application/xml").POST(body);
        if (sourceId != null) {
            request.header("X-Api-Key", HubTestSupport.sourceKey(sourceId));
        }
        headers.forEach((name, value) -> {
            if (!"?".equals(name)) {
                request.header(name, value);
            }
        });
        HttpResponse<String> response = HubTestSupport.send(request);
        String text = response.statusCode() + " " + response.body();
        boolean accepted = response.statusCode() == 202 && text.contains("\"ACCEPTED\"")
                || response.statusCode() == 200 && text.contains("<ResultCode>AC</ResultCode>");
        boolean coded = CODE.matcher(text).find() && (response.statusCode() == 400 || response.statusCode() == 413
                || text.contains("<ResultCode>RE</ResultCode>"));
        return new Answer(accepted ? Verdict.ACCEPTED : coded ? Verdict.REFUSED_WITH_CODE : Verdict.REFUSED_WITHOUT_CODE, text);
    }

    /** Sends and waits for the next report: the reports queue is drained first, and documents go one at a time. */
    private Answer jms(Ingress ingress, String queue, byte[] document, Map<String, String> properties) {
        return jms(queue, session -> {
            Message message;
            if (ingress == Ingress.JMS_TEXT) {
                message = session.createTextMessage(new String(document, StandardCharsets.UTF_8));
            } else {
                BytesMessage bytes = session.createBytesMessage();
                bytes.writeBytes(document);
                message = bytes;
            }
            for (Map.Entry<String, String> property : properties.entrySet()) {
                if ("JMSReplyTo".equals(property.getKey())) {
                    message.setJMSReplyTo(session.createQueue(property.getValue()));
                } else {
                    message.setStringProperty(property.getKey(), property.getValue());
                }
            }
            return message;
        });
    }

    /** Any message the test makes, on a queue; the answer is the next report. */
    Answer jms(String queue, MessageCreator message) {
        while (jms.receive(queue + ".reports") != null) {
            // an earlier test's report
        }
        jms.send(queue, message);
        long end = System.nanoTime() + ASYNC.toNanos();
        while (System.nanoTime() < end) {
            Message report = jms.receive(queue + ".reports");
            if (report != null) {
                String text = text(report);
                return new Answer(verdictOfReport(text), text);
            }
        }
        return new Answer(Verdict.NO_ANSWER, "no report on " + queue + ".reports within " + ASYNC);
    }

    static String text(Message message) {
        try {
            return textOf(message);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String textOf(Message message) throws jakarta.jms.JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            return new String(body, StandardCharsets.UTF_8);
        }
        return String.valueOf(message.getBody(Object.class));
    }

    private static Verdict verdictOfReport(String report) {
        if (report.matches("(?s).*\"accepted\"\\s*:\\s*[1-9].*") || report.contains("<ResultCode>AC</ResultCode>")) {
            return Verdict.ACCEPTED;
        }
        return CODE.matcher(report).find() ? Verdict.REFUSED_WITH_CODE : Verdict.REFUSED_WITHOUT_CODE;
    }

    private Answer folder(Path directory, Document document, Map<String, String> answers) throws IOException {
        put(directory, document);
        return awaitAnswer(directory, document.fileName(), answers);
    }

    /** Writes the file as a careful uploader does: under a temporary name, then renamed. */
    private static void put(Path directory, Document document) throws IOException {
        Files.createDirectories(directory);
        Path temporary = directory.resolve(document.fileName() + ".tmp");
        Files.write(temporary, document.content());
        Files.move(temporary, directory.resolve(document.fileName()), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until the file has been moved: to .done or .failed with its answer next to it, or to .error. */
    private static Answer awaitAnswer(Path directory, String fileName, Map<String, String> answers) throws IOException {
        long end = System.nanoTime() + ASYNC.toNanos();
        long movedAt = 0;
        while (System.nanoTime() < end) {
            for (Map.Entry<String, String> answered : answers.entrySet()) {
                String disposition = answered.getKey();
                Path moved = directory.resolve(disposition).resolve(fileName);
                Path answer = directory.resolve(disposition).resolve(fileName + answered.getValue());
                if (Files.exists(moved) && Files.exists(answer)) {
                    String text = disposition + " " + Files.readString(answer);
                    return new Answer(verdictOfReport(text), text);
                }
                if (Files.exists(moved) && movedAt == 0) {
                    movedAt = System.nanoTime();
                }
                // moved, and still no answer next to it a while later: there will be none
                if (Files.exists(moved) && System.nanoTime() - movedAt > Duration.ofSeconds(2).toNanos()) {
                    return new Answer(Verdict.REFUSED_WITHOUT_CODE, "moved to " + disposition + " without " + answered.getValue());
                }
            }
            sleep(100);
        }
        return new Answer(Verdict.NO_ANSWER, fileName + " not taken from " + directory + " within " + ASYNC);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
