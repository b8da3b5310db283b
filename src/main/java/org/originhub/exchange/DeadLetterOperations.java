package org.originhub.exchange;

import java.security.AccessController;
import java.security.Principal;
import java.util.List;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.security.auth.Subject;
import org.originhub.api.Operators;
import org.springframework.jmx.export.annotation.ManagedAttribute;
import org.springframework.jmx.export.annotation.ManagedOperation;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;
import org.springframework.jmx.export.annotation.ManagedResource;
import org.springframework.jmx.export.naming.SelfNaming;

/**
 * The dead-letter store in JMX, where Hawtio shows it (JMX tab, org.originhub → DeadLetters): the failed
 * certificates with their last errors, and the replay operation. The same replay as the REST endpoint, audited
 * with the JMX caller's identity when the connector authenticated one.
 */
@ManagedResource(description = "Certificates whose delivery failed for good")
public class DeadLetterOperations implements SelfNaming {

    private final DeadLetters deadLetters;
    private final String hub;

    public DeadLetterOperations(DeadLetters deadLetters, String hub) {
        this.deadLetters = deadLetters;
        this.hub = hub;
    }

    /** Named after the hub: two hubs in one JVM (as in the tests) each show their own. */
    @Override
    public ObjectName getObjectName() throws MalformedObjectNameException {
        return new ObjectName("org.originhub:type=DeadLetters,hub=" + hub);
    }

    @ManagedAttribute(description = "How many certificates are FAILED and waiting for an operator")
    public int getCount() {
        return deadLetters.list().size();
    }

    @ManagedOperation(description = "The FAILED certificates, newest first: id, partner, attempts, last error")
    public List<String> list() {
        return deadLetters.list().stream()
                .map(d -> d.certificateId() + " to " + d.partnerId() + ", " + d.attempts() + " attempts, failed "
                        + d.failedAt() + ": " + d.lastError())
                .toList();
    }

    @ManagedOperation(description = "Send a FAILED certificate again, with a fresh retry budget")
    @ManagedOperationParameter(name = "certificateId", description = "the certificate id, e.g. TH-DFT-2025-D-0001234")
    public String replay(String certificateId) {
        DeadLetters.Replay replay = deadLetters.replay(certificateId, Operators.describe(caller(), null, "jmx"));
        return "replayed " + replay.certificateId() + " to " + replay.partner() + " as message " + replay.messageId();
    }

    @SuppressWarnings("removal")
    private static Principal caller() {
        // the JMX connector's authenticated subject (remote JMX with a login module); none through an open console
        Subject subject = Subject.getSubject(AccessController.getContext());
        return subject == null || subject.getPrincipals().isEmpty() ? null : subject.getPrincipals().iterator().next();
    }
}
