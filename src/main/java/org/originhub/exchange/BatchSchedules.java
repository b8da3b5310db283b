package org.originhub.exchange;

import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.originhub.config.PartnerDefinition;
import org.quartz.CronExpression;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Missed batches: at start-up, a batch whose scheduled time passed while the hub was down (after its last run,
 * or after the schedule was set) runs once, now; however many times it fell due, it runs once, and never when
 * nothing was missed. The schedule and its last run are in the database, so this holds across restarts.
 */
public class BatchSchedules {

    private static final Logger LOG = LoggerFactory.getLogger(BatchSchedules.class);
    /** The Quartz job group of the deliver-batch routes (quartz:originhub-batch/<partner>). */
    public static final String JOB_GROUP = "originhub-batch";

    private final JdbcTemplate jdbc;
    private final Scheduler scheduler;

    public BatchSchedules(JdbcTemplate jdbc, Scheduler scheduler) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
    }

    public void catchUp(PartnerDefinition partner) {
        String cron = partner.batch().cron().trim();
        Instant now = Instant.now();
        List<Instant> since = jdbc.query("SELECT since FROM batch_schedule WHERE partner_id = ? AND cron = ?",
                (rs, n) -> rs.getTimestamp(1).toInstant(), partner.id(), cron);
        if (!since.isEmpty() && missed(cron, lastRunOrSince(partner.id(), since.get(0)), now)) {
            LOG.warn("batch to {} fell due while the hub was down: running it once now", partner.id());
            try {
                scheduler.triggerJob(JobKey.jobKey(partner.id(), JOB_GROUP));
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot run the missed batch to " + partner.id(), e);
            }
        }
        if (jdbc.update("UPDATE batch_schedule SET cron = ?, since = ? WHERE partner_id = ?", cron, Timestamp.from(now),
                partner.id()) == 0) {
            jdbc.update("INSERT INTO batch_schedule (partner_id, cron, since) VALUES (?, ?, ?)", partner.id(), cron,
                    Timestamp.from(now));
        }
    }

    private Instant lastRunOrSince(String partnerId, Instant since) {
        Timestamp last = jdbc.queryForObject("SELECT MAX(fired_at) FROM batch_run WHERE partner_id = ?", Timestamp.class,
                partnerId);
        return last == null || last.toInstant().isBefore(since) ? since : last.toInstant();
    }

    private static boolean missed(String cron, Instant after, Instant now) {
        try {
            Date next = new CronExpression(cron).getNextValidTimeAfter(Date.from(after));
            return next != null && next.toInstant().isBefore(now);
        } catch (ParseException e) {
            throw new IllegalStateException("bad batch cron '" + cron + "'", e);
        }
    }
}
