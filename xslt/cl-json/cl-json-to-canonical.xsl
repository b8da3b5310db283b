<?xml version="1.0" encoding="UTF-8"?>
<!--
  cl-json → canonical CertificateOfOrigin (national-formats.md §3).

  Input: the JSON document as the hub's reader converts it, json-to-xml() with duplicates rejected
  (fn:map / fn:array / fn:string / fn:number / fn:boolean / fn:null, members named by @key).
  Unknown members are ignored. Every error names the JSON path of the member, arrays indexed from 0
  as in JavaScript and JSONPath (certificado.mercancias[1].pesoBruto is the second item's).
  Error codes: E001 a required member is absent, null or "", or a string breaks its format (date, HS);
  E040 a member of the wrong JSON type, or a code no code list knows.
  JSON numbers keep their lexical form in json-to-xml (25400.00, 1e3): they are read as xs:decimal.
-->
<xsl:stylesheet version="3.0" expand-text="yes"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:fn="http://www.w3.org/2005/xpath-functions"
                xmlns:oh="urn:originhub:functions"
                xmlns:cl="urn:originhub:cl-json"
                xmlns:err="urn:originhub:errors:1"
                xmlns="urn:originhub:canonical:1"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/originhub-functions.xsl"/>

  <!-- Parsers: the typed value of a member's text, or () when the text does not have the format. -->
  <xsl:variable name="cl:text" as="function(xs:string) as item()?" select="function($v) { $v }"/>
  <xsl:variable name="cl:date" as="function(xs:string) as item()?"
                select="function($v) { $v[matches(., '^\d{4}-\d{2}-\d{2}$') and . castable as xs:date] ! xs:date(.) }"/>
  <!-- 1e3 is a JSON number too; it goes through xs:double only when it is not a plain decimal. -->
  <xsl:variable name="cl:decimal" as="function(xs:string) as item()?"
                select="function($v) { if ($v castable as xs:decimal) then xs:decimal($v)
                                       else ($v[. castable as xs:double] ! xs:double(.))[. castable as xs:decimal] ! xs:decimal(.) }"/>
  <xsl:variable name="cl:sequence" as="function(xs:string) as item()?"
                select="function($v) { $cl:decimal($v)[. gt 0 and . eq floor(.)] ! xs:integer(.) }"/>
  <xsl:variable name="cl:hs" as="function(xs:string) as item()?" select="function($v) { $v[matches(., '^\d{6}$')] }"/>
  <xsl:variable name="cl:locode" as="function(xs:string) as item()?" select="function($v) { $v[matches(., '^[A-Z]{2}[A-Z2-9]{3}$')] }"/>
  <xsl:variable name="cl:currency" as="function(xs:string) as item()?" select="function($v) { $v[matches(., '^[A-Z]{3}$')] }"/>

  <xsl:variable name="cl:json-types" as="map(xs:string, xs:string)"
                select="map{'map': 'an object', 'array': 'an array', 'string': 'a string', 'number': 'a number',
                            'boolean': 'a boolean'}"/>

  <!-- A coded error naming a JSON path. Goes through the 4-argument oh:error (no line) because the
       3-argument one writes its message as a literal "{$message}" (the library lacks expand-text). -->
  <xsl:function name="cl:error" as="element()">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="path" as="xs:string"/>
    <xsl:param name="message" as="xs:string"/>
    <xsl:sequence select="oh:error($code, $path, $message, ())"/>
  </xsl:function>

  <!-- JSON path of a node: certificado.mercancias[0].pesoBruto. -->
  <xsl:function name="cl:path" as="xs:string">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="string-join($node/ancestor-or-self::*[parent::*]
                            ! (if (parent::fn:array) then '[' || count(preceding-sibling::*) || ']' else '.' || @key))
                          => replace('^\.', '')"/>
  </xsl:function>

  <!-- Member $key of $object (() when the object itself is absent or wrong): the member element when it
       has the JSON type $type; () when absent, null or an empty string and optional; else an error. -->
  <xsl:function name="cl:member" as="element()?">
    <xsl:param name="object" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:variable name="member" select="$object/*[@key eq $key][not(self::fn:null or self::fn:string[normalize-space() eq ''])]"/>
    <xsl:variable name="path" select="string-join((cl:path($object)[. ne ''], $key), '.')"/>
    <xsl:sequence select="if (empty($object)) then ()
                          else if (empty($member)) then cl:error('E001', $path, 'required member is absent or empty')[$required]
                          else if (local-name($member) ne $type)
                          then cl:error('E040', $path, 'must be ' || $cl:json-types($type) || ', not ' || $cl:json-types(local-name($member)))
                          else $member"/>
  </xsl:function>

  <!-- Member read through $parse: its typed value; () when absent and optional; otherwise an error,
       $code ("'x' is not $what") when $parse refuses the text. -->
  <xsl:function name="cl:field" as="item()?">
    <xsl:param name="object" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="type" as="xs:string"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:param name="parse" as="function(xs:string) as item()?"/>
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="what" as="xs:string"/>
    <xsl:variable name="member" select="cl:member($object, $key, $type, $required)"/>
    <xsl:sequence select="if (empty($member) or $member/self::err:Error) then $member
                          else ($parse(string($member)),
                                cl:error($code, cl:path($member), '''' || $member || ''' is not ' || $what))[1]"/>
  </xsl:function>

  <!-- Text with the canonical length limit (Text35 / Text256 / Text512 / FreeText 4000). -->
  <xsl:function name="cl:text" as="item()?">
    <xsl:param name="object" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:sequence select="cl:field($object, $key, 'string', $required, function($v) { $v[string-length() le $max] },
                                   'E001', 'at most ' || $max || ' characters long')"/>
  </xsl:function>

  <!-- A code mapped through xslt/codelists/cl-json/$list.xml; unknown is E040. -->
  <xsl:function name="cl:code" as="item()?">
    <xsl:param name="object" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:param name="list" as="xs:string"/>
    <xsl:sequence select="cl:field($object, $key, 'string', $required, oh:lookup('cl-json/' || $list, ?),
                                   'E040', 'in code list cl-json/' || $list)"/>
  </xsl:function>

  <xsl:function name="cl:number" as="item()?">
    <xsl:param name="object" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="required" as="xs:boolean"/>
    <xsl:sequence select="cl:field($object, $key, 'number', $required, $cl:decimal, 'E040', 'a decimal number')"/>
  </xsl:function>

  <!-- The member as an object to read further, or () (its error is reported where it is first read). -->
  <xsl:function name="cl:object" as="element(fn:map)?">
    <xsl:param name="member" as="element()?"/>
    <xsl:sequence select="$member/self::fn:map"/>
  </xsl:function>

  <!-- The good value of something that may be an error: a value used in several places reports its
       error only once (oh:emit collects every err:Error, duplicates included). -->
  <xsl:function name="cl:ok" as="xs:anyAtomicType?">
    <xsl:param name="item" as="item()?"/>
    <xsl:sequence select="$item[. instance of xs:anyAtomicType]"/>
  </xsl:function>

  <!-- A document that is valid JSON but not an object cannot hold `certificado`. -->
  <xsl:template match="/*" priority="-1">
    <xsl:sequence select="oh:emit(cl:error('E001', 'certificado', 'the document must be a JSON object with the member certificado'))"/>
  </xsl:template>

  <xsl:template match="/fn:map">
    <xsl:variable name="certificado" select="cl:member(., 'certificado', 'map', true())"/>
    <xsl:variable name="c" select="cl:object($certificado)"/>
    <xsl:variable name="export-country" select="cl:code($c, 'paisExportador', true(), 'countries')"/>
    <xsl:variable name="transporte" select="cl:member($c, 'transporte', 'map', false())"/>
    <xsl:variable name="factura" select="cl:member($c, 'factura', 'map', false())"/>
    <xsl:variable name="mercancias" select="cl:member($c, 'mercancias', 'array', true())"/>
    <xsl:variable name="certificate" as="element()">
      <CertificateOfOrigin>
        <!-- Errors of the containers themselves: wrong type or absent (absent optional ones are ()). -->
        <xsl:sequence select="($certificado, $transporte, $factura, $mercancias)[not(self::fn:*)]"/>
        <xsl:if test="$mercancias/self::fn:array[count(*) = 0 or count(*) gt 999]">
          <xsl:sequence select="cl:error('E001', cl:path($mercancias), 'must hold 1 to 999 goods items, it holds ' || count($mercancias/*))"/>
        </xsl:if>
        <CertificateID><xsl:sequence select="cl:text($c, 'numero', true(), 35)"/></CertificateID>
        <DocumentTypeCode>864</DocumentTypeCode>
        <FormCode><xsl:sequence select="cl:text($c, 'formulario', true(), 35)"/></FormCode>
        <AgreementCode><xsl:sequence select="cl:text($c, 'acuerdo', true(), 35)"/></AgreementCode>
        <IssueDate><xsl:sequence select="cl:field($c, 'fechaEmision', 'string', true(), $cl:date, 'E001', 'a date yyyy-MM-dd')"/></IssueDate>
        <StatusCode>ISSUED</StatusCode>
        <ExportCountryCode><xsl:sequence select="$export-country"/></ExportCountryCode>
        <ImportCountryCode><xsl:sequence select="cl:code($c, 'paisImportador', true(), 'countries')"/></ImportCountryCode>
        <IssuingAuthority>
          <xsl:variable name="entidad" select="cl:member($c, 'entidadCertificadora', 'map', true())"/>
          <xsl:sequence select="$entidad[not(self::fn:*)]"/>
          <ID><xsl:sequence select="cl:text(cl:object($entidad), 'codigo', true(), 35)"/></ID>
          <Name><xsl:sequence select="cl:text(cl:object($entidad), 'nombre', true(), 512)"/></Name>
        </IssuingAuthority>
        <Exporter><xsl:sequence select="cl:party($c, 'exportador')"/></Exporter>
        <Consignee><xsl:sequence select="cl:party($c, 'importador')"/></Consignee>
        <xsl:variable name="t" select="cl:object($transporte)"/>
        <xsl:for-each select="cl:field($t, 'fechaEmbarque', 'string', false(), $cl:date, 'E001', 'a date yyyy-MM-dd')">
          <DepartureDate><xsl:sequence select="."/></DepartureDate>
        </xsl:for-each>
        <xsl:for-each select="cl:code($t, 'medio', false(), 'transport-modes')">
          <TransportModeCode><xsl:sequence select="."/></TransportModeCode>
        </xsl:for-each>
        <xsl:for-each select="cl:field($t, 'puertoEmbarque', 'string', false(), $cl:locode, 'E040', 'a UN/LOCODE')">
          <LoadingLocation><ID><xsl:sequence select="."/></ID></LoadingLocation>
        </xsl:for-each>
        <xsl:for-each select="cl:field($t, 'puertoDesembarque', 'string', false(), $cl:locode, 'E040', 'a UN/LOCODE')">
          <UnloadingLocation><ID><xsl:sequence select="."/></ID></UnloadingLocation>
        </xsl:for-each>
        <xsl:variable name="f" select="cl:object($factura)"/>
        <xsl:variable name="invoice-date" select="cl:field($f, 'fecha', 'string', false(), $cl:date, 'E001', 'a date yyyy-MM-dd')"/>
        <!-- A date without a number would be lost: the number is required as soon as the date is given. -->
        <xsl:for-each select="cl:text($f, 'numero', exists($invoice-date), 35)">
          <Invoice>
            <ID><xsl:sequence select="."/></ID>
            <xsl:for-each select="$invoice-date"><IssueDate><xsl:sequence select="."/></IssueDate></xsl:for-each>
          </Invoice>
        </xsl:for-each>
        <xsl:apply-templates select="$mercancias/self::fn:array/*">
          <xsl:with-param name="origin-country" select="cl:ok($export-country)"/>
        </xsl:apply-templates>
        <xsl:for-each select="cl:text($c, 'observaciones', false(), 4000)"><Remarks><xsl:sequence select="."/></Remarks></xsl:for-each>
      </CertificateOfOrigin>
    </xsl:variable>
    <xsl:sequence select="oh:emit($certificate)"/>
  </xsl:template>

  <!-- exportador / importador: name, identification and a one-line address with its country. -->
  <xsl:function name="cl:party" as="item()*">
    <xsl:param name="c" as="element()?"/>
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="member" select="cl:member($c, $key, 'map', true())"/>
    <xsl:variable name="p" select="cl:object($member)"/>
    <xsl:sequence select="$member[not(self::fn:*)]"/>
    <Name><xsl:sequence select="cl:text($p, 'nombre', true(), 512)"/></Name>
    <xsl:for-each select="cl:text($p, 'identificacion', false(), 35)"><ID><xsl:sequence select="."/></ID></xsl:for-each>
    <Address>
      <xsl:for-each select="cl:text($p, 'direccion', false(), 256)"><Line><xsl:sequence select="."/></Line></xsl:for-each>
      <xsl:for-each select="cl:text($p, 'ciudad', false(), 256)"><CityName><xsl:sequence select="."/></CityName></xsl:for-each>
      <CountryCode><xsl:sequence select="cl:code($p, 'pais', true(), 'countries')"/></CountryCode>
    </Address>
  </xsl:function>

  <!-- An entry of mercancias that is not an object. -->
  <xsl:template match="fn:array/*" priority="-1">
    <xsl:sequence select="cl:error('E040', cl:path(.), 'must be an object, not ' || ($cl:json-types(local-name()), 'null')[1])"/>
  </xsl:template>

  <xsl:template match="fn:array/fn:map">
    <xsl:param name="origin-country" as="xs:string?"/>
    <xsl:variable name="criterion" select="cl:code(., 'criterioOrigen', true(), 'criteria')"/>
    <GoodsItem>
      <SequenceNumeric><xsl:sequence select="cl:field(., 'item', 'number', true(), $cl:sequence, 'E040', 'a positive integer')"/></SequenceNumeric>
      <Description><xsl:sequence select="cl:text(., 'descripcion', true(), 4000)"/></Description>
      <HSCode><xsl:sequence select="cl:field(., 'codigoSA', 'string', true(), $cl:hs, 'E001', 'a 6-digit HS subheading')"/></HSCode>
      <OriginCountryCode>{$origin-country}</OriginCountryCode>
      <OriginCriterion>
        <Code><xsl:sequence select="$criterion"/></Code>
        <!-- Level and percentage are kept whenever given; CTC cannot do without the level, RVC without the percentage. -->
        <xsl:for-each select="cl:code(., 'nivelCambio', $criterion = 'CTC', 'change-levels')">
          <ChangeLevelCode><xsl:sequence select="."/></ChangeLevelCode>
        </xsl:for-each>
        <xsl:for-each select="cl:number(., 'porcentajeVCR', $criterion = 'RVC')"><Percent><xsl:sequence select="."/></Percent></xsl:for-each>
      </OriginCriterion>
      <xsl:for-each select="cl:number(., 'pesoBruto', false())"><GrossMass unitCode="KGM"><xsl:sequence select="."/></GrossMass></xsl:for-each>
      <xsl:sequence select="cl:amount('Quantity', 'unitCode', cl:number(., 'cantidad', false()),
                                      cl:code(., 'unidad', exists(cl:member(., 'cantidad', 'number', false())), 'units'))"/>
      <xsl:sequence select="cl:amount('FOBValue', 'currencyID', cl:number(., 'valorFOB', false()),
                                      cl:field(., 'moneda', 'string', exists(cl:member(., 'valorFOB', 'number', false())),
                                               $cl:currency, 'E040', 'an ISO 4217 currency code'))"/>
    </GoodsItem>
  </xsl:template>

  <!-- A measure or amount: the number with its unit or currency attribute. The unit is required with the
       number (the caller says so); a unit given without a number is dropped, unless it is wrong. -->
  <xsl:function name="cl:amount" as="element()*">
    <xsl:param name="name" as="xs:string"/>
    <xsl:param name="attribute" as="xs:string"/>
    <xsl:param name="amount" as="item()?"/>
    <xsl:param name="unit" as="item()?"/>
    <xsl:choose>
      <xsl:when test="exists($amount)">
        <xsl:element name="{$name}" namespace="urn:originhub:canonical:1">
          <xsl:attribute name="{$attribute}" select="cl:ok($unit)"/>
          <xsl:sequence select="$amount, $unit[not(cl:ok(.))]"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise><xsl:sequence select="$unit[not(cl:ok(.))]"/></xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
