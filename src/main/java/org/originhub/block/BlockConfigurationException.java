package org.originhub.block;

/** A utility-block file the hub refuses, naming the file, the line and the field at fault. */
public class BlockConfigurationException extends RuntimeException {

    private final String file;
    private final int line;
    private final String field;

    public BlockConfigurationException(String file, int line, String field, String problem) {
        super(file + ", line " + line + ", field " + field + ": " + problem);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }
}
