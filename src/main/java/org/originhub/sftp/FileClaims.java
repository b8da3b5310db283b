package org.originhub.sftp;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.originhub.store.UniqueInsert;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A file-consumer repository in the shared database, keyed by a primary key so that only one hub instance can
 * add a key. Used twice per SFTP source: as the in-progress repository (who is reading a file right now; a
 * claim older than {@code staleAfter} is taken over, so a file whose reader crashed is read again) and as the
 * idempotent repository (which files were processed, remembered for {@code staleAfter}: long enough that an
 * instance that listed the file before it was moved away does not read it again, short enough that the same
 * name uploaded again, even within the same second and with the same size, is read: it is a new upload, and
 * its certificates are answered as duplicates if they are the same).
 */
public class FileClaims extends ServiceSupport implements IdempotentRepository {

    private final JdbcTemplate jdbc;
    private final UniqueInsert unique;
    private final String consumer;
    private final Duration staleAfter;

    public FileClaims(JdbcTemplate jdbc, String consumer, Duration staleAfter) {
        this.jdbc = jdbc;
        this.unique = new UniqueInsert(jdbc);
        this.consumer = consumer;
        this.staleAfter = staleAfter;
    }

    @Override
    public boolean add(String key) {
        Timestamp now = Timestamp.from(Instant.now());
        return unique.insert("INSERT INTO file_claim (consumer, file_key, claimed_at) VALUES (?, ?, ?)", consumer, key, now)
                || staleAfter != null && jdbc.update("UPDATE file_claim SET claimed_at = ? WHERE consumer = ?"
                        + " AND file_key = ? AND claimed_at < ?", now, consumer, key,
                        Timestamp.from(Instant.now().minus(staleAfter))) == 1;
    }

    @Override
    public boolean contains(String key) {
        Instant since = staleAfter == null ? Instant.EPOCH : Instant.now().minus(staleAfter);
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM file_claim WHERE consumer = ? AND file_key = ?"
                + " AND claimed_at >= ?", Integer.class, consumer, key, Timestamp.from(since));
        return count != null && count > 0;
    }

    @Override
    public boolean remove(String key) {
        return jdbc.update("DELETE FROM file_claim WHERE consumer = ? AND file_key = ?", consumer, key) == 1;
    }

    @Override
    public boolean confirm(String key) {
        return true;
    }

    @Override
    public void clear() {
        jdbc.update("DELETE FROM file_claim WHERE consumer = ?", consumer);
    }
}
