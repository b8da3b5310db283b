<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical CertificateOfOrigin → formd-xml (urn:x-sample:eco:formd:1), valid against
  xsd/national/formd-xml-1.0.xsd. The inverse of formd-xml-to-canonical.xsl on the same code lists
  (oh:reverse: the first entry for a code is the spelling written). The hub has already validated the
  certificate, so a value with no formd-xml spelling is a configuration gap, not a data error: the
  transformation stops with xsl:message terminate="yes" naming the canonical field.
  Numbers are written without thousands separators and weights in KG; formd-xml → canonical →
  formd-xml → canonical gives back the same canonical certificate.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:oh="urn:originhub:functions"
                xmlns:fd="urn:originhub:formd-xml"
                xmlns="urn:x-sample:eco:formd:1"
                xpath-default-namespace="urn:originhub:canonical:1"
                exclude-result-prefixes="#all"
                expand-text="yes">

  <xsl:include href="../common/originhub-functions.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/CertificateOfOrigin">
    <!-- Form D has invoices only on item lines: a certificate-level invoice no item refers to is
         written on every item when it is the only one, and is otherwise not expressible. -->
    <xsl:variable name="sole-invoice" select="Invoice[empty(current()/GoodsItem/InvoiceRef) and count(current()/Invoice) eq 1]"/>
    <xsl:for-each select="Invoice[not($sole-invoice) and not(ID = ../GoodsItem/InvoiceRef)]">
      <xsl:sequence select="fd:fail(ID, 'invoice not referenced by any goods item')"/>
    </xsl:for-each>
    <FormD version="1.0">
      <RefNo>{CertificateID}</RefNo>
      <IssueDate>{fd:date(IssueDate)}</IssueDate>
      <Agreement>{fd:national('agreements', AgreementCode)}</Agreement>
      <FormType>{fd:national('form-types', FormCode)}</FormType>
      <ExportingCountry>{fd:national('countries', ExportCountryCode)}</ExportingCountry>
      <ImportingCountry>{fd:national('countries', ImportCountryCode)}</ImportingCountry>
      <IssuingAuthority code="{IssuingAuthority/ID}">{IssuingAuthority/Name}</IssuingAuthority>
      <Box1Exporter>
        <xsl:sequence select="fd:attributes(map{'taxId': Exporter/ID}), fd:packed(Exporter)"/>
      </Box1Exporter>
      <Box2Consignee>
        <xsl:sequence select="fd:attributes(map{'taxId': Consignee/ID}), fd:packed(Consignee)"/>
      </Box2Consignee>
      <xsl:sequence select="fd:box('Box3Transport', map{
          'departureDate': fd:date(DepartureDate),
          'mode': fd:national('transport-modes', TransportModeCode),
          'vessel': TransportMeansName,
          'portOfLoading': fd:port(LoadingLocation),
          'portOfDischarge': fd:port(UnloadingLocation)})"/>
      <Items>
        <xsl:apply-templates select="GoodsItem">
          <xsl:with-param name="sole-invoice" select="$sole-invoice"/>
        </xsl:apply-templates>
      </Items>
      <!-- Form D always shows box 13: every flag, Y for each special circumstance the certificate has. -->
      <xsl:variable name="flags" select="SpecialCircumstanceCode ! fd:national('special-circumstances', .)"/>
      <Box13>
        <xsl:for-each select="oh:codelist('formd-xml/special-circumstances')//Q{}entry">
          <xsl:attribute name="{@key}" select="if (@key = $flags) then 'Y' else 'N'"/>
        </xsl:for-each>
      </Box13>
      <xsl:sequence select="fd:box('Box11ExporterDeclaration', map{'place': ExporterDeclaration/Place, 'date': fd:date(ExporterDeclaration/Date)}),
                            fd:box('Box12Certification', map{'place': Certification/Place, 'date': fd:date(Certification/Date),
                                                             'officer': AuthorisedSignatory/Name})"/>
      <xsl:where-populated><Remarks>{Remarks}</Remarks></xsl:where-populated>
    </FormD>
  </xsl:template>

  <xsl:template match="GoodsItem">
    <xsl:param name="sole-invoice" as="element()?"/>
    <xsl:variable name="invoice" select="(InvoiceRef, $sole-invoice/ID)[1]"/>
    <Item no="{SequenceNumeric}">
      <xsl:where-populated><Marks>{MarksAndNumbers}</Marks></xsl:where-populated>
      <xsl:if test="PackageQuantity or PackageTypeCode">
        <Packages>{(PackageQuantity ! xs:integer(.), fd:fail(PackageTypeCode, 'a package type without a package quantity'))[1]} {
                   fd:national('packages', (PackageTypeCode, fd:fail(PackageQuantity, 'a package quantity without a package type'))[1])}</Packages>
      </xsl:if>
      <Description>{Description}</Description>
      <HSCode>{substring(HSCode, 1, 4)}.{substring(HSCode, 5)}</HSCode>
      <OriginCriterion>{fd:criterion(OriginCriterion)}</OriginCriterion>
      <xsl:where-populated><GrossWeight>{fd:measure(GrossMass, 'gross-weight-units')}</GrossWeight></xsl:where-populated>
      <xsl:where-populated><Quantity>{fd:measure(Quantity, 'quantity-units')}</Quantity></xsl:where-populated>
      <xsl:where-populated><FOBValue>{FOBValue ! (@currencyID || ' ' || .)}</FOBValue></xsl:where-populated>
      <xsl:where-populated><InvoiceNo>{$invoice}</InvoiceNo></xsl:where-populated>
      <xsl:where-populated><InvoiceDate>{fd:date(../Invoice[ID = $invoice][1]/IssueDate)}</InvoiceDate></xsl:where-populated>
    </Item>
  </xsl:template>

  <!-- Stops the transformation, naming the canonical field. -->
  <xsl:function name="fd:fail" as="empty-sequence()">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="why" as="xs:string"/>
    <xsl:message terminate="yes" error-code="fd:FDXO0001">canonical → formd-xml: {fd:path($node)}{$node[not(*)] ! (' ''' || . || '''')}: {$why}</xsl:message>
  </xsl:function>

  <!-- The formd-xml spelling of a canonical code (first entry of the list), or stop. -->
  <xsl:function name="fd:national" as="xs:string?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="code" as="node()?"/>
    <xsl:variable name="value" select="oh:reverse('formd-xml/' || $list, $code)"/>
    <xsl:sequence select="if (empty($code) or exists($value)) then $value
                          else fd:fail($code, 'no spelling in code list formd-xml/' || $list)"/>
  </xsl:function>

  <!-- Canonical path for messages: GoodsItem[2]/PackageTypeCode, Exporter/Address/CountryCode. -->
  <xsl:function name="fd:path" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string-join($node/ancestor-or-self::node()[not(self::document-node())]
        ! (if (. instance of attribute()) then '@' || local-name()
           else if (self::GoodsItem | self::Invoice) then let $name := node-name() return
                local-name() || '[' || (count(preceding-sibling::*[node-name() eq $name]) + 1) || ']'
           else local-name()), '/')"/>
  </xsl:function>

  <!-- Attributes for the non-empty values of a map, in name order (absent and empty mean the same). -->
  <xsl:function name="fd:attributes" as="attribute()*">
    <xsl:param name="values" as="map(xs:string, item()?)"/>
    <xsl:for-each select="sort(map:keys($values))[string($values(.)) ne '']">
      <xsl:attribute name="{.}" select="$values(.)"/>
    </xsl:for-each>
  </xsl:function>

  <!-- A box made of attributes only, or nothing when none has a value. -->
  <xsl:function name="fd:box" as="element()?">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="values" as="map(xs:string, item()?)"/>
    <xsl:variable name="attributes" select="fd:attributes($values)"/>
    <xsl:if test="exists($attributes)">
      <xsl:element name="{$name}"><xsl:sequence select="$attributes"/></xsl:element>
    </xsl:if>
  </xsl:function>

  <xsl:function name="fd:date" as="xs:string?">
    <xsl:param name="date" as="element()?"/>
    <xsl:sequence select="$date ! format-date(xs:date(.), '[D01]/[M01]/[Y0001]')"/>
  </xsl:function>

  <!-- Name|Street|City Postcode|COUNTRY NAME; a "|" inside a part cannot be packed. -->
  <xsl:function name="fd:packed" as="xs:string?">
    <xsl:param name="party" as="element()"/>
    <xsl:variable name="address" select="$party/Address"/>
    <xsl:variable name="parts" select="string($party/Name), string($address/Line),
        string-join(($address/CityName, $address/PostcodeID), ' '),
        fd:national('countries', ($address/CountryCode, fd:fail($party, 'party without a country'))[1])"/>
    <xsl:sequence select="if (some $part in $parts satisfies contains($part, '|'))
                          then fd:fail($party, 'a name or address holding ''|'' cannot be packed')
                          else string-join($parts, '|')"/>
  </xsl:function>

  <!-- Port name: the canonical name, else the list's name for the UN/LOCODE, else the UN/LOCODE itself
       (Form D ports are free text: a port the list does not know still reaches the officer). -->
  <xsl:function name="fd:port" as="xs:string?">
    <xsl:param name="location" as="element()?"/>
    <xsl:sequence select="($location/Name/string(), oh:reverse('formd-xml/ports', $location/ID), $location/ID/string())[1]"/>
  </xsl:function>

  <!-- Amount in the list's first unit for the code, divided by its factor (GrossMass KGM → KG). -->
  <xsl:function name="fd:measure" as="xs:string?">
    <xsl:param name="measure" as="element()?"/>
    <xsl:param name="list" as="xs:string"/>
    <xsl:variable name="unit" select="fd:national($list, $measure/@unitCode)"/>
    <xsl:variable name="factor" select="key('oh:by-key', $unit, oh:codelist('formd-xml/' || $list))[1]/@factor"/>
    <xsl:sequence select="$measure ! ((xs:decimal(.) div xs:decimal(($factor, 1)[1])) || ' ' || $unit)"/>
  </xsl:function>

  <!-- The criterion entry matching code, change level, presence of a percentage and the modifier it
       implies (PC wins over RVC when PC is a modifier); remaining modifiers become trailing tokens. -->
  <xsl:function name="fd:criterion" as="xs:string?">
    <xsl:param name="criterion" as="element()"/>
    <xsl:variable name="candidates" select="oh:codelist('formd-xml/origin-criteria')//Q{}entry
        [@code = $criterion/Code and string(@level) = string($criterion/ChangeLevelCode)
         and (@percent = 'yes') = exists($criterion/Percent)
         and (empty(@modifier) or @modifier = $criterion/ModifierCode)]"/>
    <xsl:variable name="rule" select="($candidates[@modifier], $candidates, fd:fail($criterion, 'no formd-xml origin criterion for this combination'))[1]"/>
    <xsl:sequence select="string-join(($rule/@key, $criterion/Percent ! (xs:decimal(.) || '%'),
        $criterion/ModifierCode[not(. = $rule/@modifier)] ! fd:national('origin-modifiers', .)), ' ')"/>
  </xsl:function>
</xsl:stylesheet>
