package org.originhub.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.originhub.format.ReceivedCertificate;

/** The national file's name never lets one received certificate overwrite another's file. */
class NationalHandoverFileNameTest {

    private static final String MESSAGE = "3f2b6c1e-8a4d-4e7b-9c0a-1d2e3f4a5b6c";

    @Test
    void anOriginalIsNamedAfterItsCertificateAndAReplacementOrReissueAfterItsFunctionAndMessageToo() {
        assertThat(NationalHandover.fileName(received("9", "TH-DFT-2025-D-0001234"), false))
                .isEqualTo("TH-DFT-2025-D-0001234");
        assertThat(NationalHandover.fileName(received("5", "TH-DFT-2025-D-0001234"), false))
                .isEqualTo("TH-DFT-2025-D-0001234-5-" + MESSAGE);
        assertThat(NationalHandover.fileName(received("18", "TH-DFT-2025-D-0001234"), false))
                .isEqualTo("TH-DFT-2025-D-0001234-18-" + MESSAGE);
    }

    @Test
    void anOriginalWhosePlainNameAnotherDocumentHoldsIsNamedAfterItsFunctionAndMessageLikeAReplacement() {
        assertThat(NationalHandover.fileName(received("9", "TH-DFT-2025-D-0001234"), true))
                .isEqualTo("TH-DFT-2025-D-0001234-9-" + MESSAGE);
    }

    @Test
    void anIdWithCharactersUnsafeInAFileNameKeepsTheSafeOnesAndAHashOfItselfSoThatTwoSuchIdsStayApart() {
        String slash = NationalHandover.fileName(received("9", "../TH/DFT 1234"), false);
        String colon = NationalHandover.fileName(received("9", "../TH:DFT 1234"), false);

        assertThat(slash).matches("\\.\\._TH_DFT_1234-[0-9a-f]{8}").doesNotContain("/");
        assertThat(colon).startsWith(".._TH_DFT_1234-").isNotEqualTo(slash);
    }

    private static ReceivedCertificate received(String functionCode, String certificateId) {
        return new ReceivedCertificate(MESSAGE, functionCode, certificateId, "VN", null);
    }
}
