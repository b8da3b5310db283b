package org.originhub.config;

import java.util.List;

/**
 * A national system that submits certificates ({@code config/sources/<id>.yaml}), in one national format, over
 * the channels it lists. {@code sftp} is the national system's outbox when it lists the sftp channel;
 * {@code pullSchedule} (a Quartz cron) makes the hub fetch the SFTP outbox at those times instead of polling it
 * every few seconds. {@code jms} optionally names the queue (default {@code originhub.ingest.<id>}) and a remote broker the hub
 * consumes it from (default: the hub's own broker). {@code partialUpload} says how a file still being written is recognised there: {@code rename} (the default: the
 * system writes {@code <name>.part} or {@code <name>.tmp} and renames it when complete) or {@code done-file} (the
 * system writes {@code <name>.done} next to the complete file). {@code apiKeySha256} is the SHA-256 (hex) of the
 * source's API key for HTTP submissions: a source without one cannot submit over HTTP.
 */
public record SourceDefinition(String id, String format, String description, List<Channel> channels,
        SftpSettings sftp, String partialUpload, JmsSettings jms, String pullSchedule, String apiKeySha256) {

    public enum Channel { http, file, jms, sftp }

    public SourceDefinition(String id, String format, String description, List<Channel> channels) {
        this(id, format, description, channels, null, null, null, null, null);
    }

    public boolean accepts(Channel channel) {
        return channels == null || channels.contains(channel);
    }

    public boolean waitsForDoneFile() {
        return "done-file".equals(partialUpload);
    }
}
