package org.originhub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

/** How partner files become per-partner trust: by party id, shared by files with one party id, checked at start-up. */
class PartnerCertificatesTest {

    private static PartnerDefinition partner(String id, String partyId, String certificate) {
        return new PartnerDefinition(id, partyId, id, partyId.substring(0, 2), PartnerDefinition.Channel.http,
                "http://" + id + ".example/api/v1/exchange", null, null, null, "canonical", "standard", null, null,
                certificate == null ? null : new PartnerDefinition.Signing(certificate), null, null);
    }

    private static PartnerCertificates load(PartnerDefinition... partners) {
        Map<String, PartnerDefinition> byId = new LinkedHashMap<>();
        for (PartnerDefinition partner : partners) {
            byId.put(partner.id(), partner);
        }
        return PartnerCertificates.load(new HubDirectory(Map.of(), byId, Map.of()), new DefaultResourceLoader());
    }

    @Test
    void eachPartyGetsOnlyTheCertificatesOfItsOwnPartnerFiles() {
        PartnerCertificates trust = load(partner("vn", "VN:GDVC", "classpath:keys/vn-gdvc.pem"),
                partner("th", "TH:DFT", "classpath:keys/th-dft.pem"));

        assertThat(trust.of("VN:GDVC")).hasValueSatisfying(certificates -> assertThat(certificates).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("VN:GDVC")));
        assertThat(trust.of("TH:DFT").orElseThrow()).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("TH:DFT"));
    }

    @Test
    void twoFilesWithOnePartyIdShareTheirCertificatesAndAFileWithoutOneAddsNone() {
        PartnerCertificates trust = load(partner("vn", "VN:GDVC", "classpath:keys/vn-gdvc.pem"),
                partner("vn-ca", "VN:GDVC", "classpath:keys/partner-ca.pem"), partner("vn-sftp", "VN:GDVC", null));

        assertThat(trust.of("VN:GDVC").orElseThrow()).hasSize(2);
    }

    @Test
    void knownPartnerWithoutCertificateHasAnEmptyListAndAnUnknownPartyNone() {
        PartnerCertificates trust = load(partner("mm", "MM:MOC", null));

        assertThat(trust.of("MM:MOC")).hasValue(java.util.List.of());
        assertThat(trust.of("ZZ:NOBODY")).isEmpty();
    }

    @Test
    void missingCertificateFileStopsTheHubNamingThePartner() {
        assertThatThrownBy(() -> load(partner("vn", "VN:GDVC", "classpath:keys/no-such.pem")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("partner vn")
                .hasMessageContaining("classpath:keys/no-such.pem");
    }

    @Test
    void fileWithoutACertificateStopsTheHubNamingThePartner() {
        assertThatThrownBy(() -> load(partner("vn", "VN:GDVC", "classpath:keys/README.md")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("partner vn");
    }
}
