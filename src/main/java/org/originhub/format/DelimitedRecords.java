package org.originhub.format;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a delimited file, one at a time, read as commons-csv's RFC 4180 format reads them with the hub's
 * settings (a configurable separator, fields in {@code "} with {@code ""} inside, nothing trimmed, empty lines and
 * comment lines skipped), but holding one record at a time: a batch file may be far larger than memory. A quoted
 * field may span lines; its line ends are kept as they are. Line numbers count every physical line, comments and
 * blank lines included, as an editor shows them. A line of blanks only is a blank line.
 *
 * <p>A fault in a record is reported with it instead of ending the file: a character after a closing quote spoils
 * only its record. A quote never closed is different: the rest of the file is one field, so reading ends there,
 * at the end of the file or after {@link #MAX_RECORD_CHARS}, whichever comes first.
 */
final class DelimitedRecords implements Closeable {

    /** The longest record: without a bound, one unclosed quote would read a whole batch file into a single field. */
    static final int MAX_RECORD_CHARS = 1 << 20;

    private static final int EOF = -1;
    private static final char QUOTE = '"';

    /**
     * One record of the file.
     *
     * @param line the line it starts on
     * @param fields its fields, the type first, as far as they could be read
     * @param chars its length in characters, line ends inside quotes included
     * @param problem why the record cannot be taken, or null; after a quote never closed, it says that reading ended
     */
    record Record(int line, List<String> fields, int chars, String problem) {
    }

    private enum State { FIELD_START, PLAIN, QUOTED, QUOTE_IN_QUOTED, CLOSED }

    private final Reader in;
    private final char delimiter;
    private final int commentMarker;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private int line;
    private boolean started;
    private boolean ended;

    DelimitedRecords(Reader in, char delimiter, Character commentMarker) {
        this.in = in;
        this.delimiter = delimiter;
        this.commentMarker = commentMarker == null ? EOF : commentMarker;
    }

    /** The next record, or null at the end of the file (or after a record that ended reading). */
    Record next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') {
                read();
            }
        }
        while (!ended) {
            int c = read();
            if (c == EOF) {
                ended = true;
                break;
            }
            line++;
            if (c == '\n') {
                continue;
            }
            if (c == '\r') {
                endLine(c);
                continue;
            }
            if (c == commentMarker) {
                skipLine();
                continue;
            }
            Record record = record(c);
            if (record != null) {
                return record;
            }
        }
        return null;
    }

    /** The record that starts with {@code first}, or null when its line holds blanks only. */
    private Record record(int first) throws IOException {
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String problem = null;
        int chars = 0;
        // a line end inside quotes: the next line starts with the next character, if one comes
        boolean lineEnded = false;
        State state = State.FIELD_START;
        for (int c = first; ; c = read()) {
            if (lineEnded && c != EOF) {
                line++;
                lineEnded = false;
            }
            if (c != EOF && ++chars > MAX_RECORD_CHARS) {
                ended = true;
                return new Record(start, fields, chars, "the record is longer than " + MAX_RECORD_CHARS
                        + " characters (a quote that is never closed?); the file was not read after line " + line);
            }
            switch (state) {
                case FIELD_START:
                    if (c == QUOTE) {
                        state = State.QUOTED;
                        break;
                    }
                    state = State.PLAIN;
                    // fall through: the first character of a field without quotes
                case PLAIN:
                    if (c == delimiter) {
                        fields.add(take(field));
                        state = State.FIELD_START;
                    } else if (lineEnd(c)) {
                        endLine(c);
                        if (fields.isEmpty() && field.toString().isBlank()) {
                            return null;
                        }
                        fields.add(take(field));
                        return new Record(start, fields, chars, problem);
                    } else {
                        field.append((char) c);
                    }
                    break;
                case QUOTED:
                    if (c == QUOTE) {
                        state = State.QUOTE_IN_QUOTED;
                    } else if (c == EOF) {
                        ended = true;
                        fields.add(take(field));
                        return new Record(start, fields, chars, "field " + fields.size() + " opens a quote that is never"
                                + " closed: the rest of the file, to line " + line + ", was read as part of it");
                    } else {
                        field.append((char) c);
                        lineEnded = c == '\n' || c == '\r' && peek() != '\n';
                    }
                    break;
                case QUOTE_IN_QUOTED:
                    if (c == QUOTE) {
                        field.append(QUOTE);
                        state = State.QUOTED;
                        break;
                    }
                    state = State.CLOSED;
                    // fall through: the quote before this character closed the field
                case CLOSED:
                    if (c == delimiter) {
                        fields.add(take(field));
                        state = State.FIELD_START;
                    } else if (lineEnd(c)) {
                        endLine(c);
                        fields.add(take(field));
                        return new Record(start, fields, chars, problem);
                    } else if (!Character.isWhitespace(c)) {
                        // commons-csv refuses the whole file here; only this record is spoilt, and its end is found
                        // as if the field had no quotes
                        if (problem == null) {
                            problem = "field " + (fields.size() + 1) + " has '" + (char) c + "' after its closing quote";
                        }
                        field.append((char) c);
                        state = State.PLAIN;
                    }
                    break;
                default:
                    throw new IllegalStateException(state.name());
            }
        }
    }

    private static boolean lineEnd(int c) {
        return c == '\n' || c == '\r' || c == EOF;
    }

    /** After a CR, the LF of a CRLF belongs to the same line end. */
    private void endLine(int c) throws IOException {
        if (c == '\r' && peek() == '\n') {
            read();
        }
    }

    private void skipLine() throws IOException {
        for (int c = read(); ; c = read()) {
            if (lineEnd(c)) {
                endLine(c);
                return;
            }
        }
    }

    private static String take(StringBuilder field) {
        String value = field.toString();
        field.setLength(0);
        return value;
    }

    private int read() throws IOException {
        if (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                position = 0;
                limit = 0;
                return EOF;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++];
    }

    private int peek() throws IOException {
        int c = read();
        if (c != EOF) {
            position--;
        }
        return c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
