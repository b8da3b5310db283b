package org.originhub.config;

/**
 * Where and how to reach an SFTP directory: a national system's outbox or a partner's inbox. The server's host
 * key is pinned in {@code knownHostsFile}; {@code strictHostKeyChecking} defaults to yes and only the demo turns
 * it off. Authentication by {@code privateKeyFile} or {@code password}.
 */
public record SftpSettings(String host, Integer port, String username, String password, String privateKeyFile,
        String knownHostsFile, String strictHostKeyChecking, String directory) {

    /** The Camel endpoint URI of the directory, with the connection options (no consumer or producer options). */
    public String endpointUri() {
        StringBuilder uri = new StringBuilder("sftp:").append(host).append(':').append(port == null ? 22 : port)
                .append('/').append(directory == null ? "" : directory)
                .append("?username=").append(username)
                .append("&strictHostKeyChecking=").append(strictHostKeyChecking == null ? "yes" : strictHostKeyChecking)
                .append("&useUserKnownHostsFile=false");
        if (knownHostsFile != null && !knownHostsFile.isBlank()) {
            uri.append("&knownHostsFile=").append(knownHostsFile);
        }
        if (privateKeyFile != null && !privateKeyFile.isBlank()) {
            uri.append("&privateKeyFile=").append(privateKeyFile);
        }
        if (password != null && !password.isBlank()) {
            uri.append("&password=RAW(").append(password).append(')');
        }
        return uri.toString();
    }
}
