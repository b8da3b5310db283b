package org.originhub.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The largest document or envelope the hub takes (originhub.ingest.max-bytes), enforced while it is read: never
 * more than the limit is read into memory, so an endless stream or a huge file is refused before any parser sees
 * a byte of it, whatever the channel.
 */
public final class SizeLimit {

    private final long maxBytes;

    public SizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** A length declared before the body (Content-Length): refused at once when over the limit. */
    public void checkDeclared(Long declaredLength) {
        if (declaredLength != null && declaredLength > maxBytes) {
            throw new DocumentTooLargeException(declaredLength, maxBytes);
        }
    }

    /** The whole stream, or {@link DocumentTooLargeException} as soon as it holds more than the limit. */
    public byte[] read(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > maxBytes) {
                    throw new DocumentTooLargeException(maxBytes);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the document", e);
        }
    }
}
