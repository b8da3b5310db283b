package org.originhub.format;

import java.util.List;
import java.util.Map;

/**
 * A national format as configured in {@code config/formats/<id>.yaml}: how its documents are read
 * ({@code syntax}), checked ({@code schema} or {@code csv} layout) and mapped (the two stylesheets).
 * Adding a format is a new descriptor and two stylesheets, no Java. {@code certificateId} is an XPath over
 * the national tree that names the certificate even when it is rejected.
 */
public record FormatDescriptor(String id, String description, Syntax syntax, String schema, Csv csv,
        String certificateId, String toCanonical, String fromCanonical, String mediaType, String fileExtension) {

    public enum Syntax { xml, csv, json }

    /** Record layouts of a delimited format; the first field of each record is its type. */
    public record Csv(String delimiter, String commentMarker, String certificateRecord,
            Map<String, List<String>> records) {
    }
}
