package org.originhub.signature;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts an element into a document's bytes as the root's last child, just before the root's end tag, leaving every
 * other byte as it was. Only for the plain case: a UTF-8 document (declared so, or with no encoding declared) that
 * ends with the root's end tag and nothing after it but white space. Anything else is answered null, and the caller
 * writes the whole tree instead.
 */
final class RootEndTag {

    private static final byte[] DECLARATION = "<?xml".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern ENCODING = Pattern.compile("encoding\\s*=\\s*[\"']([^\"']*)[\"']");

    private RootEndTag() {
    }

    /** The document with {@code element} before the end tag of its root {@code rootName}; null when not the plain case. */
    static byte[] insertBefore(byte[] document, String rootName, byte[] element) {
        if (!utf8(document)) {
            return null;
        }
        int end = document.length;
        while (end > 0 && space(document[end - 1])) {
            end--;
        }
        if (end == 0 || document[end - 1] != '>') {
            return null;
        }
        int nameEnd = end - 1; // ETag ::= '</' Name S? '>'
        while (nameEnd > 0 && space(document[nameEnd - 1])) {
            nameEnd--;
        }
        byte[] open = ("</" + rootName).getBytes(StandardCharsets.UTF_8);
        int at = nameEnd - open.length;
        if (at < 0 || !Arrays.equals(document, at, nameEnd, open, 0, open.length)) {
            return null;
        }
        byte[] result = new byte[document.length + element.length];
        System.arraycopy(document, 0, result, 0, at);
        System.arraycopy(element, 0, result, at, element.length);
        System.arraycopy(document, at, result, at + element.length, document.length - at);
        return result;
    }

    /** UTF-8 for sure: starts with '<' (no byte order mark of another encoding) and declares no other encoding. */
    private static boolean utf8(byte[] document) {
        if (document.length == 0 || document[0] != '<') {
            return false;
        }
        if (!Arrays.equals(document, 0, Math.min(DECLARATION.length, document.length), DECLARATION, 0,
                DECLARATION.length)) {
            return true;
        }
        int close = 0;
        while (close + 1 < document.length && !(document[close] == '?' && document[close + 1] == '>')) {
            close++;
        }
        Matcher encoding = ENCODING.matcher(new String(document, 0, close, StandardCharsets.US_ASCII));
        return !encoding.find() || encoding.group(1).equalsIgnoreCase("UTF-8");
    }

    private static boolean space(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
