package org.originhub.canonical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.xml.datatype.DatatypeFactory;
import org.junit.jupiter.api.Test;

/** The time an envelope is sent, as every message carries it (SentDateTime, an xs:dateTime). */
class EnvelopeFactoryTest {

    @Test
    void sentTimeOnAWholeMinuteKeepsItsSecondsAndIsAValidDateTime() throws Exception {
        String text = EnvelopeFactory.dateTime(OffsetDateTime.of(2026, 11, 27, 10, 25, 0, 0, ZoneOffset.UTC));

        assertEquals("2026-11-27T10:25:00.000Z", text);
        assertEquals(0, DatatypeFactory.newInstance().newXMLGregorianCalendar(text).getSecond());
    }

    @Test
    void sentTimeKeepsItsMillisecondsAndItsOffset() {
        assertEquals("2026-11-27T17:25:09.123+07:00", EnvelopeFactory.dateTime(
                OffsetDateTime.of(2026, 11, 27, 17, 25, 9, 123_456_789, ZoneOffset.ofHours(7))));
    }
}
