package org.originhub.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The national sample documents in samples/, one or more certificates each, with the format each is written in. */
record SampleDocuments(String format, Path path) {

    /** Two formd-xml certificates, a kr-csv batch of two and one cl-json certificate: five certificates. */
    static final List<SampleDocuments> ALL = List.of(
            new SampleDocuments("formd-xml", Path.of("samples/formd-xml/TH-VN-rubber.xml")),
            new SampleDocuments("formd-xml", Path.of("samples/formd-xml/SG-CN-electronics.xml")),
            new SampleDocuments("kr-csv", Path.of("samples/kr-csv/KR-ID-steel-batch.csv")),
            new SampleDocuments("cl-json", Path.of("samples/cl-json/CL-PE-grapes.json")));

    byte[] bytes() {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
