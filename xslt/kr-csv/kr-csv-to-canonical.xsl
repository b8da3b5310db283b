<?xml version="1.0" encoding="UTF-8"?>
<!--
  kr-csv → canonical CertificateOfOrigin (national-formats.md §2).

  Input: one certificate as the hub's CSV reader hands it over (field count per record already checked):
    <csv-certificate line=".."><H line=".."><CO_NO>..</CO_NO>..</H><I line="..">..</I>..</csv-certificate>
  Values arrive exactly as in the file; everything else is checked here, and every error names the field
  and the physical line of its record (oh:error with a line), so that a batch operator can find it.
  Error codes: E001 a required field is empty or a value breaks the field's format (date, number, HS);
  E040 a code no code list knows; E060 an I record that belongs to another certificate.
-->
<xsl:stylesheet version="3.0" expand-text="yes"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:oh="urn:originhub:functions"
                xmlns:kr="urn:originhub:kr-csv"
                xmlns="urn:originhub:canonical:1"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/originhub-functions.xsl"/>

  <!-- Parsers: the typed value of a trimmed field, or () when the text does not have the format. -->
  <xsl:variable name="kr:date" as="function(xs:string) as item()?"
                select="function($v) { replace($v, '^(\d{4})(\d{2})(\d{2})$', '$1-$2-$3')[. castable as xs:date] ! xs:date(.) }"/>
  <!-- Decimal comma, no thousands separator: 55,5 and 56200 (not 56.200 nor 1.234,5). -->
  <xsl:variable name="kr:decimal" as="function(xs:string) as item()?"
                select="function($v) { $v[matches(., '^\d+(,\d+)?$')] ! xs:decimal(translate(., ',', '.')) }"/>
  <xsl:variable name="kr:count" as="function(xs:string) as item()?"
                select="function($v) { $v[matches(., '^\d+$')] ! xs:integer(.) }"/>
  <xsl:variable name="kr:sequence" as="function(xs:string) as item()?"
                select="function($v) { $kr:count($v)[. gt 0] }"/>
  <xsl:variable name="kr:hs" as="function(xs:string) as item()?" select="function($v) { $v[matches(., '^\d{6}$')] }"/>
  <xsl:variable name="kr:locode" as="function(xs:string) as item()?" select="function($v) { $v[matches(., '^[A-Z]{2}[A-Z2-9]{3}$')] }"/>
  <xsl:variable name="kr:currency" as="function(xs:string) as item()?" select="function($v) { $v[matches(., '^[A-Z]{3}$')] }"/>

  <!-- A field's value with leading and trailing blanks removed (` A` is `A`); () when empty. Most fields have no
       blanks to remove: normalize-space() tells so without the regular expression, which was the largest single cost
       of a kr-csv batch (bench/run-batch.sh, JFR). Fields are passed as elements ($h/CO_NO), which Saxon finds by
       name once compiled; looking them up by a name given as a string compared each child's name, every time. Every
       field is there, empty or not: the reader checked each record's field count. -->
  <xsl:function name="kr:value" as="xs:string?">
    <xsl:param name="field" as="element()"/>
    <xsl:variable name="text" as="xs:string" select="string($field)"/>
    <xsl:sequence select="(if (normalize-space($text) eq $text) then $text else replace($text, '^\s+|\s+$', ''))[. ne '']"/>
  </xsl:function>

  <!-- An error of a field, named after it, with the physical line of its record. -->
  <xsl:function name="kr:error" as="element()">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="field" as="element()"/>
    <xsl:param name="message" as="xs:string"/>
    <xsl:sequence select="kr:error($code, $field/.., local-name($field), $message)"/>
  </xsl:function>

  <!-- An error of a record as a whole ('I': the count of its items). -->
  <xsl:function name="kr:error" as="element()">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="record" as="element()"/>
    <xsl:param name="field" as="xs:string"/>
    <xsl:param name="message" as="xs:string"/>
    <xsl:sequence select="oh:error($code, $field, $message, xs:integer($record/@line))"/>
  </xsl:function>

  <!-- A field read through $parse: its typed value; () when empty and optional; otherwise an error,
       E001 when required and empty, $code ("'x' is not $what") when $parse refuses the text. -->
  <xsl:function name="kr:field" as="item()?">
    <xsl:param name="field" as="element()"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:param name="parse" as="function(xs:string) as item()?"/>
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="what" as="xs:string"/>
    <xsl:variable name="value" select="kr:value($field)"/>
    <xsl:sequence select="if (empty($value)) then kr:error('E001', $field, 'required field is empty')[$required]
                          else ($parse($value), kr:error($code, $field, '''' || $value || ''' is not ' || $what))[1]"/>
  </xsl:function>

  <!-- Free text with the canonical length limit (Text35 / Text256 / Text512 / FreeText 4000). -->
  <xsl:function name="kr:text" as="item()?">
    <xsl:param name="field" as="element()"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:sequence select="kr:field($field, $required, function($v) { $v[string-length() le $max] },
                                   'E001', 'at most ' || $max || ' characters long')"/>
  </xsl:function>

  <!-- A national code mapped through xslt/codelists/kr-csv/$list.xml; unknown is E040. -->
  <xsl:function name="kr:code" as="item()?">
    <xsl:param name="field" as="element()"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:param name="list" as="xs:string"/>
    <xsl:sequence select="kr:field($field, $required, oh:lookup('kr-csv/' || $list, ?),
                                   'E040', 'in code list kr-csv/' || $list)"/>
  </xsl:function>

  <!-- The good value of something that may be an error: a value used in several places reports its
       error only once (oh:emit collects every err:Error, duplicates included). -->
  <xsl:function name="kr:ok" as="xs:anyAtomicType?">
    <xsl:param name="item" as="item()?"/>
    <xsl:sequence select="$item[. instance of xs:anyAtomicType]"/>
  </xsl:function>

  <xsl:template match="csv-certificate">
    <xsl:variable name="h" select="H"/>
    <xsl:variable name="export-country" select="kr:code($h/EXP_CTRY, true(), 'countries')"/>
    <xsl:variable name="import-country" select="kr:code($h/CNE_CTRY, true(), 'countries')"/>
    <xsl:variable name="certificate" as="element()">
      <CertificateOfOrigin>
        <xsl:if test="count(I) = 0 or count(I) gt 999">
          <xsl:sequence select="kr:error('E001', $h, 'I', 'a certificate holds 1 to 999 I records, this one ' || count(I))"/>
        </xsl:if>
        <CertificateID><xsl:sequence select="kr:text($h/CO_NO, true(), 35)"/></CertificateID>
        <DocumentTypeCode>864</DocumentTypeCode>
        <FormCode><xsl:sequence select="kr:text($h/FORM, true(), 35)"/></FormCode>
        <AgreementCode><xsl:sequence select="kr:text($h/FTA, true(), 35)"/></AgreementCode>
        <IssueDate><xsl:sequence select="kr:field($h/ISS_DT, true(), $kr:date, 'E001', 'a date yyyyMMdd')"/></IssueDate>
        <StatusCode>ISSUED</StatusCode>
        <ExportCountryCode><xsl:sequence select="$export-country"/></ExportCountryCode>
        <ImportCountryCode><xsl:sequence select="$import-country"/></ImportCountryCode>
        <IssuingAuthority>
          <ID><xsl:sequence select="kr:text($h/ISSUER_CODE, true(), 35)"/></ID>
          <Name><xsl:sequence select="kr:text($h/ISSUER_NAME, true(), 512)"/></Name>
        </IssuingAuthority>
        <Exporter>
          <Name><xsl:sequence select="kr:text($h/EXP_NAME, true(), 512)"/></Name>
          <xsl:for-each select="kr:text($h/EXP_TIN, false(), 35)"><ID><xsl:sequence select="."/></ID></xsl:for-each>
          <xsl:sequence select="kr:address($h/EXP_ADDR, $h/EXP_CITY, kr:ok($export-country))"/>
        </Exporter>
        <Consignee>
          <Name><xsl:sequence select="kr:text($h/CNE_NAME, true(), 512)"/></Name>
          <xsl:sequence select="kr:address($h/CNE_ADDR, $h/CNE_CITY, kr:ok($import-country))"/>
        </Consignee>
        <xsl:for-each select="kr:field($h/DEP_DT, false(), $kr:date, 'E001', 'a date yyyyMMdd')">
          <DepartureDate><xsl:sequence select="."/></DepartureDate>
        </xsl:for-each>
        <xsl:for-each select="kr:code($h/MODE, false(), 'transport-modes')">
          <TransportModeCode><xsl:sequence select="."/></TransportModeCode>
        </xsl:for-each>
        <xsl:for-each select="kr:text($h/VESSEL, false(), 256)">
          <TransportMeansName><xsl:sequence select="."/></TransportMeansName>
        </xsl:for-each>
        <xsl:for-each select="kr:field($h/POL, false(), $kr:locode, 'E040', 'a UN/LOCODE')">
          <LoadingLocation><ID><xsl:sequence select="."/></ID></LoadingLocation>
        </xsl:for-each>
        <xsl:for-each select="kr:field($h/POD, false(), $kr:locode, 'E040', 'a UN/LOCODE')">
          <UnloadingLocation><ID><xsl:sequence select="."/></ID></UnloadingLocation>
        </xsl:for-each>
        <xsl:variable name="invoice-date" select="kr:field($h/INV_DT, false(), $kr:date, 'E001', 'a date yyyyMMdd')"/>
        <!-- A date without a number would be lost: the number is required as soon as the date is given. -->
        <xsl:for-each select="kr:text($h/INV_NO, exists($invoice-date), 35)">
          <Invoice>
            <ID><xsl:sequence select="."/></ID>
            <xsl:for-each select="$invoice-date"><IssueDate><xsl:sequence select="."/></IssueDate></xsl:for-each>
          </Invoice>
        </xsl:for-each>
        <xsl:apply-templates select="I">
          <xsl:with-param name="certificate-id" select="kr:value($h/CO_NO)"/>
          <xsl:with-param name="origin-country" select="kr:ok($export-country)"/>
        </xsl:apply-templates>
        <xsl:for-each select="kr:text($h/REMARKS, false(), 4000)"><Remarks><xsl:sequence select="."/></Remarks></xsl:for-each>
      </CertificateOfOrigin>
    </xsl:variable>
    <xsl:sequence select="oh:emit($certificate)"/>
  </xsl:template>

  <!-- kr-csv has one address line and a city; the country is the party's ISO alpha-2 code. -->
  <xsl:function name="kr:address" as="element()">
    <xsl:param name="line" as="element()"/>
    <xsl:param name="city" as="element()"/>
    <xsl:param name="country" as="xs:string?"/>
    <Address>
      <xsl:for-each select="kr:text($line, false(), 256)"><Line><xsl:sequence select="."/></Line></xsl:for-each>
      <xsl:for-each select="kr:text($city, false(), 256)"><CityName><xsl:sequence select="."/></CityName></xsl:for-each>
      <CountryCode>{$country}</CountryCode>
    </Address>
  </xsl:function>

  <xsl:function name="kr:number" as="item()?">
    <xsl:param name="field" as="element()"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:sequence select="kr:field($field, $required, $kr:decimal, 'E001', 'a number with a decimal comma (55,5)')"/>
  </xsl:function>
  <xsl:function name="kr:number" as="item()?">
    <xsl:param name="field" as="element()"/>
    <xsl:sequence select="kr:number($field, false())"/>
  </xsl:function>

  <!-- A measure or amount: the number with its unit or currency attribute. The unit is required with the
       number (the caller says so); a unit given without a number is dropped, unless it is unknown. -->
  <xsl:function name="kr:amount" as="element()*">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="attribute" as="xs:string"/>
    <xsl:param name="amount" as="item()?"/>
    <xsl:param name="unit" as="item()?"/>
    <xsl:choose>
      <xsl:when test="exists($amount)">
        <xsl:element name="{$name}" namespace="urn:originhub:canonical:1">
          <xsl:attribute name="{$attribute}" select="kr:ok($unit)"/>
          <xsl:sequence select="$amount, $unit[not(kr:ok(.))]"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$unit[not(kr:ok(.))]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <xsl:template match="I">
    <xsl:param name="certificate-id" as="xs:string?"/>
    <xsl:param name="origin-country" as="xs:string?"/>
    <xsl:variable name="co-no" select="kr:value(CO_NO)"/>
    <xsl:variable name="criterion" select="kr:code(CRIT, true(), 'criteria')"/>
    <GoodsItem>
      <xsl:sequence select="if (empty($co-no)) then kr:error('E001', CO_NO, 'required field is empty')
                            else if ($co-no ne $certificate-id)
                            then kr:error('E060', CO_NO, 'item of certificate ''' || $co-no || ''' inside certificate '''
                                          || $certificate-id || ''' (H line ' || ../H/@line || ')')
                            else ()"/>
      <SequenceNumeric><xsl:sequence select="kr:field(ITEM_NO, true(), $kr:sequence, 'E001', 'a positive integer')"/></SequenceNumeric>
      <Description><xsl:sequence select="kr:text(DESC, true(), 4000)"/></Description>
      <HSCode><xsl:sequence select="kr:field(HS, true(), $kr:hs, 'E001', 'a 6-digit HS subheading')"/></HSCode>
      <OriginCountryCode>{$origin-country}</OriginCountryCode>
      <OriginCriterion>
        <Code><xsl:sequence select="$criterion"/></Code>
        <!-- The sub-level and percentage are kept whenever given; CTC cannot do without the level, RVC without the percentage. -->
        <xsl:for-each select="kr:code(CRIT_SUB, $criterion = 'CTC', 'change-levels')">
          <ChangeLevelCode><xsl:sequence select="."/></ChangeLevelCode>
        </xsl:for-each>
        <xsl:for-each select="kr:number(CRIT_PCT, $criterion = 'RVC')">
          <Percent><xsl:sequence select="."/></Percent>
        </xsl:for-each>
      </OriginCriterion>
      <xsl:for-each select="kr:field(PKG_QTY, false(), $kr:count, 'E001', 'a whole number')">
        <PackageQuantity><xsl:sequence select="."/></PackageQuantity>
      </xsl:for-each>
      <xsl:for-each select="kr:code(PKG_TYPE, false(), 'packages')"><PackageTypeCode><xsl:sequence select="."/></PackageTypeCode></xsl:for-each>
      <xsl:sequence select="kr:amount('GrossMass', 'unitCode', kr:number(GROSS),
                                      kr:code(GROSS_UNIT, exists(kr:value(GROSS)), 'mass-units'))"/>
      <xsl:sequence select="kr:amount('Quantity', 'unitCode', kr:number(QTY),
                                      kr:code(QTY_UNIT, exists(kr:value(QTY)), 'units'))"/>
      <xsl:sequence select="kr:amount('FOBValue', 'currencyID', kr:number(FOB),
                                      kr:field(CUR, exists(kr:value(FOB)), $kr:currency, 'E040', 'an ISO 4217 currency code'))"/>
    </GoodsItem>
  </xsl:template>
</xsl:stylesheet>
