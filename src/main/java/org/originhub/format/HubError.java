package org.originhub.format;

/**
 * One coded error as answered to a source and written into an ACK: {@code code} from the canonical
 * model's error list (E001 schema, E040 code value, ...), {@code field} the national field, pointer or
 * line it concerns, {@code message} for a person.
 */
public record HubError(String code, String field, String message) {

    public static HubError schema(String field, String message) {
        return new HubError("E001", field, message);
    }

    @Override
    public String toString() {
        return code + (field == null || field.isEmpty() ? "" : " [" + field + "]") + ": " + message;
    }
}
