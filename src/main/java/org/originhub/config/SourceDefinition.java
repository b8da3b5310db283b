package org.originhub.config;

import java.util.List;

/** A national system that submits certificates ({@code config/sources/<id>.yaml}), in one national format. */
public record SourceDefinition(String id, String format, String description, List<Channel> channels) {

    public enum Channel { http, file, jms }

    public boolean accepts(Channel channel) {
        return channels == null || channels.contains(channel);
    }
}
