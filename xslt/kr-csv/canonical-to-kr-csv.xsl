<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical CertificateOfOrigin → kr-csv (national-formats.md §2, outbound): one H line and its I lines,
  `;`-separated, RFC 4180 quoting, decimal comma, yyyyMMdd dates, LF line ends. Every canonical
  CertificateOfOrigin under the root is written, so a batch of certificates makes one batch file.

  A canonical value that kr-csv cannot spell (a code no kr-csv code list has, an origin modifier, a special
  circumstance, a second invoice, an origin or party country other than the export / import country) stops
  the transform naming the field: writing the certificate without it would change what it certifies. Canonical elements kr-csv has no
  column for at all (postcode, producer, marks, signatory, ...) are not written.
-->
<xsl:stylesheet version="3.0" expand-text="yes"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:array="http://www.w3.org/2005/xpath-functions/array"
                xmlns:oh="urn:originhub:functions"
                xmlns:kr="urn:originhub:kr-csv"
                xpath-default-namespace="urn:originhub:canonical:1"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/originhub-functions.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:apply-templates select="descendant::CertificateOfOrigin"/>
  </xsl:template>

  <xsl:template match="CertificateOfOrigin">
    <!-- Box 13 circumstances (retroactive issue, third-party invoicing, accumulation, ...) bear on the origin. -->
    <xsl:if test="SpecialCircumstanceCode">
      <xsl:sequence select="kr:unwritable(SpecialCircumstanceCode[1], 'kr-csv has no special circumstance field')"/>
    </xsl:if>
    <xsl:if test="count(Invoice) gt 1">
      <xsl:sequence select="kr:unwritable(Invoice[2], 'kr-csv holds one invoice per certificate')"/>
    </xsl:if>
    <!-- EXP_CTRY / CNE_CTRY are both the certificate's countries and the parties' address countries. -->
    <xsl:for-each select="(Exporter/Address/CountryCode[. ne ../../../ExportCountryCode],
                           Consignee/Address/CountryCode[. ne ../../../ImportCountryCode])[1]">
      <xsl:sequence select="kr:unwritable(., 'kr-csv has one country for the party and the export / import country')"/>
    </xsl:for-each>
    <xsl:variable name="invoice" select="Invoice[1]"/>
    <xsl:value-of select="kr:record(['H', CertificateID, kr:date(IssueDate), AgreementCode, FormCode,
        IssuingAuthority/ID, IssuingAuthority/Name,
        Exporter/Name, Exporter/ID, Exporter/Address/Line, Exporter/Address/CityName, kr:code('countries', ExportCountryCode),
        Consignee/Name, Consignee/Address/Line, Consignee/Address/CityName, kr:code('countries', ImportCountryCode),
        kr:date(DepartureDate), kr:code('transport-modes', TransportModeCode), LoadingLocation/ID, UnloadingLocation/ID,
        TransportMeansName, $invoice/ID, kr:date($invoice/IssueDate), Remarks])"/>
    <xsl:apply-templates select="GoodsItem"/>
  </xsl:template>

  <xsl:template match="GoodsItem">
    <xsl:if test="OriginCountryCode ne ../ExportCountryCode">
      <xsl:sequence select="kr:unwritable(OriginCountryCode, 'kr-csv states no origin country other than EXP_CTRY')"/>
    </xsl:if>
    <xsl:if test="OriginCriterion/ModifierCode">
      <xsl:sequence select="kr:unwritable(OriginCriterion/ModifierCode[1], 'kr-csv has no origin criterion modifier')"/>
    </xsl:if>
    <xsl:value-of select="kr:record(['I', ../CertificateID, SequenceNumeric, HSCode, Description,
        kr:code('criteria', OriginCriterion/Code), kr:code('change-levels', OriginCriterion/ChangeLevelCode),
        kr:decimal(OriginCriterion/Percent),
        kr:decimal(Quantity), kr:code('units', Quantity/@unitCode),
        kr:decimal(GrossMass), kr:code('mass-units', GrossMass/@unitCode),
        PackageQuantity, kr:code('packages', PackageTypeCode),
        kr:decimal(FOBValue), FOBValue/@currencyID])"/>
  </xsl:template>

  <!-- One line from an array with one member per field (an absent value is an empty member, so
       positions hold). Fields holding the separator, a quote or a line break are quoted, quotes doubled. -->
  <xsl:function name="kr:record" as="xs:string">
    <xsl:param name="fields" as="array(item()?)"/>
    <xsl:sequence select="string-join((1 to array:size($fields)) ! string($fields(.)) ! (if (matches(., '[;&quot;&#13;&#10;]')) then '&quot;' || replace(., '&quot;', '&quot;&quot;') || '&quot;' else .), ';')
                          || '&#10;'"/>
  </xsl:function>

  <xsl:function name="kr:date" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="$date ! format-date(xs:date(.), '[Y0001][M01][D01]')"/>
  </xsl:function>

  <!-- Canonical decimals (12000.50, 1.2) in kr-csv spelling: decimal comma, no exponent, no thousands. -->
  <xsl:function name="kr:decimal" as="xs:string?">
    <xsl:param name="number" as="node()?"/>
    <xsl:sequence select="$number ! translate(string(xs:decimal(.)), '.', ',')"/>
  </xsl:function>

  <!-- The kr-csv spelling of a canonical code: the first entry of xslt/codelists/kr-csv/$list.xml with it. -->
  <xsl:function name="kr:code" as="xs:string?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="value" as="node()?"/>
    <xsl:variable name="national" select="oh:reverse('kr-csv/' || $list, $value)"/>
    <xsl:sequence select="if (exists($value) and empty($national))
                          then kr:unwritable($value, 'no entry in code list kr-csv/' || $list)
                          else $national"/>
  </xsl:function>

  <xsl:function name="kr:unwritable" as="empty-sequence()">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="why" as="xs:string"/>
    <xsl:message terminate="yes" error-code="oh:E040">canonical → kr-csv: {kr:path($node)} '{$node}' cannot be written: {$why}</xsl:message>
  </xsl:function>

  <!-- A readable path to a canonical node, goods items by sequence number: GoodsItem[2]/Quantity/@unitCode. -->
  <xsl:function name="kr:path" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string-join($node/ancestor-or-self::node()[parent::node()]
                            ! (if (self::attribute()) then '@' || local-name()
                               else if (self::GoodsItem) then 'GoodsItem[' || SequenceNumeric || ']'
                               else local-name()), '/')"/>
  </xsl:function>
</xsl:stylesheet>
