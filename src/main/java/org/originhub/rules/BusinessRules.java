package org.originhub.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.originhub.canonical.CodeList;
import org.originhub.canonical.v1.AddressType;
import org.originhub.canonical.v1.CertificateOfOriginType;
import org.originhub.canonical.v1.GoodsItemType;
import org.originhub.canonical.v1.OriginCriterionCode;
import org.originhub.canonical.v1.PartyType;
import org.originhub.format.HubError;

/**
 * Business rules on a schema-valid canonical certificate, each with its coded error (canonical-model.md §6.5):
 * code values in the canonical code lists (E040), goods items numbered 1..n (E001), criterion details (E001).
 * Rules that differ between agreements (late issue, retroactive issuance, criteria, data cluster) live in the
 * utility blocks. Every rule is checked, so the answer lists all findings at once.
 */
public final class BusinessRules {

    private final CodeList countries;
    private final CodeList currencies;
    private final CodeList units;
    private final CodeList packages;

    public BusinessRules(CodeList countries, CodeList currencies, CodeList units, CodeList packages) {
        this.countries = countries;
        this.currencies = currencies;
        this.units = units;
        this.packages = packages;
    }

    public List<HubError> check(CertificateOfOriginType certificate) {
        List<HubError> errors = new ArrayList<>();
        country(errors, "ExportCountryCode", certificate.getExportCountryCode());
        country(errors, "ImportCountryCode", certificate.getImportCountryCode());
        party(errors, "Exporter", certificate.getExporter());
        party(errors, "Consignee", certificate.getConsignee());
        party(errors, "Importer", certificate.getImporter());
        if (certificate.getExportCountryCode().equals(certificate.getImportCountryCode())) {
            errors.add(new HubError("E040", "/CertificateOfOrigin/ImportCountryCode",
                    "the importing country is the exporting country " + certificate.getExportCountryCode()));
        }
        Set<BigInteger> seen = new HashSet<>();
        List<GoodsItemType> items = certificate.getGoodsItem();
        for (int i = 0; i < items.size(); i++) {
            goodsItem(errors, "/CertificateOfOrigin/GoodsItem[" + (i + 1) + "]", items.get(i), i + 1, seen);
        }
        return errors;
    }

    private void goodsItem(List<HubError> errors, String at, GoodsItemType item, int position, Set<BigInteger> seen) {
        if (!item.getSequenceNumeric().equals(BigInteger.valueOf(position)) || !seen.add(item.getSequenceNumeric())) {
            errors.add(HubError.schema(at + "/SequenceNumeric", "goods items must be numbered 1, 2, ... in order; item "
                    + position + " has number " + item.getSequenceNumeric()));
        }
        country(errors, at + "/OriginCountryCode", item.getOriginCountryCode());
        var criterion = item.getOriginCriterion();
        if (criterion.getCode() == OriginCriterionCode.RVC && criterion.getPercent() == null) {
            errors.add(HubError.schema(at + "/OriginCriterion/Percent", "criterion RVC needs its percentage"));
        }
        if (criterion.getCode() == OriginCriterionCode.CTC && criterion.getChangeLevelCode() == null) {
            errors.add(HubError.schema(at + "/OriginCriterion/ChangeLevelCode", "criterion CTC needs its change level (CC, CTH, CTSH)"));
        }
        if (item.getGrossMass() != null) {
            code(errors, units, at + "/GrossMass/@unitCode", item.getGrossMass().getUnitCode(), "unit");
        }
        if (item.getQuantity() != null) {
            code(errors, units, at + "/Quantity/@unitCode", item.getQuantity().getUnitCode(), "unit");
        }
        if (item.getFOBValue() != null) {
            code(errors, currencies, at + "/FOBValue/@currencyID", item.getFOBValue().getCurrencyID(), "currency");
        }
        if (item.getPackageTypeCode() != null) {
            code(errors, packages, at + "/PackageTypeCode", item.getPackageTypeCode(), "package type");
        }
    }

    private void party(List<HubError> errors, String name, PartyType party) {
        AddressType address = party == null ? null : party.getAddress();
        if (address != null) {
            country(errors, "/CertificateOfOrigin/" + name + "/Address/CountryCode", address.getCountryCode());
        }
    }

    private void country(List<HubError> errors, String field, String value) {
        code(errors, countries, field.startsWith("/") ? field : "/CertificateOfOrigin/" + field, value, "country");
    }

    private static void code(List<HubError> errors, CodeList list, String field, String value, String what) {
        if (!list.contains(value)) {
            errors.add(new HubError("E040", field, "unknown " + what + " code '" + value + "'"));
        }
    }
}
