<?xml version="1.0" encoding="UTF-8"?>
<!--
  Canonical CertificateOfOrigin → cl-json (national-formats.md §3, outbound): {"certificado": {...}} with the
  members of the inbound format, in its order, JSON numbers for the numeric members.

  The JSON is built as XPath 3.1 JSON-as-XML and written by cl:json(): unlike XDM maps with the json
  output method, it keeps the members in document order, which Saxon-HE cannot otherwise guarantee.

  A canonical value that cl-json cannot spell (a code no cl-json code list has, an origin modifier, a
  special circumstance, a second invoice, a gross mass in a unit that is no mass) stops the transform naming the field: writing the
  certificate without it would change what it certifies. Canonical elements cl-json has no member for
  (postcode, producer, marks, signatory, vessel, ...) are not written.
-->
<xsl:stylesheet version="3.0" expand-text="yes"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:oh="urn:originhub:functions"
                xmlns:cl="urn:originhub:cl-json"
                xmlns:fn="http://www.w3.org/2005/xpath-functions"
                xmlns="http://www.w3.org/2005/xpath-functions"
                xpath-default-namespace="urn:originhub:canonical:1"
                exclude-result-prefixes="#all">

  <xsl:include href="../common/originhub-functions.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <xsl:apply-templates select="descendant::CertificateOfOrigin[1]"/>
  </xsl:template>

  <xsl:template match="CertificateOfOrigin">
    <!-- Box 13 circumstances (retroactive issue, third-party invoicing, accumulation, ...) bear on the origin. -->
    <xsl:if test="SpecialCircumstanceCode">
      <xsl:sequence select="cl:unwritable(SpecialCircumstanceCode[1], 'cl-json has no special circumstance field')"/>
    </xsl:if>
    <xsl:if test="count(Invoice) gt 1">
      <xsl:sequence select="cl:unwritable(Invoice[2], 'cl-json holds one factura per certificate')"/>
    </xsl:if>
    <xsl:variable name="json" as="element()">
      <map>
        <map key="certificado">
          <string key="numero">{CertificateID}</string>
          <string key="fechaEmision">{IssueDate}</string>
          <string key="acuerdo">{AgreementCode}</string>
          <string key="formulario">{FormCode}</string>
          <string key="paisExportador">{cl:code('countries', ExportCountryCode)}</string>
          <string key="paisImportador">{cl:code('countries', ImportCountryCode)}</string>
          <map key="entidadCertificadora">
            <string key="codigo">{IssuingAuthority/ID}</string>
            <string key="nombre">{IssuingAuthority/Name}</string>
          </map>
          <xsl:apply-templates select="Exporter, Consignee"/>
          <xsl:where-populated>
            <map key="transporte">
              <xsl:sequence select="cl:string('medio', cl:code('transport-modes', TransportModeCode)),
                                    cl:string('puertoEmbarque', LoadingLocation/ID),
                                    cl:string('puertoDesembarque', UnloadingLocation/ID),
                                    cl:string('fechaEmbarque', DepartureDate)"/>
            </map>
          </xsl:where-populated>
          <xsl:for-each select="Invoice">
            <map key="factura">
              <xsl:sequence select="cl:string('numero', ID), cl:string('fecha', IssueDate)"/>
            </map>
          </xsl:for-each>
          <array key="mercancias">
            <xsl:apply-templates select="GoodsItem"/>
          </array>
          <xsl:sequence select="cl:string('observaciones', Remarks)"/>
        </map>
      </map>
    </xsl:variable>
    <xsl:apply-templates select="$json" mode="cl:json"/>
  </xsl:template>

  <!-- JSON text of the JSON-as-XML tree, written straight to the output. Not xml-to-json() for the whole tree: it
       writes numbers through xs:double (1200000 becomes 1.2E6, large amounts lose digits), so numbers are written
       here from their xs:decimal form, and xml-to-json() only escapes the strings that need it. Written as text
       nodes, not joined into one string: every || and string-join() starts a buffer of its own, and joining each
       level of the tree copied the text once per level, two thirds of this stylesheet's garbage (docs/performance.md). -->
  <xsl:mode name="cl:json" on-no-match="fail"/>

  <xsl:template match="fn:map | fn:array" mode="cl:json">
    <xsl:apply-templates select="@key" mode="cl:json"/>
    <xsl:value-of select="if (self::fn:map) then '{' else '['"/>
    <xsl:for-each select="*">
      <xsl:if test="position() gt 1">,</xsl:if>
      <xsl:apply-templates select="." mode="cl:json"/>
    </xsl:for-each>
    <xsl:value-of select="if (self::fn:map) then '}' else ']'"/>
  </xsl:template>

  <xsl:template match="fn:number" mode="cl:json">
    <xsl:apply-templates select="@key" mode="cl:json"/>
    <xsl:value-of select="xs:decimal(.)"/>
  </xsl:template>

  <xsl:template match="fn:string" mode="cl:json">
    <xsl:apply-templates select="@key" mode="cl:json"/>
    <xsl:call-template name="cl:json-string"/>
  </xsl:template>

  <xsl:template match="@key" mode="cl:json">
    <xsl:call-template name="cl:json-string"/>
    <xsl:text>:</xsl:text>
  </xsl:template>

  <!-- The context item as a JSON string. Most values need no escape and are only quoted: xml-to-json() needs a tree
       of its own for each value, a quarter of this stylesheet's garbage (docs/performance.md). A value with a
       quotation mark, a backslash or a control character goes through xml-to-json(). It escapes every solidus
       (1/2 → 1\/2); both are valid JSON, the national system gets the plain one. Safe: a "\/" pair can only come
       from that escape, as a backslash itself is written "\\". -->
  <xsl:template name="cl:json-string">
    <xsl:variable name="value" as="xs:string" select="string(.)"/>
    <xsl:choose>
      <xsl:when test="not(matches($value, '[&quot;\\\p{Cc}]'))">
        <xsl:text>"</xsl:text>
        <xsl:value-of select="$value"/>
        <xsl:text>"</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="string" as="element()"><string>{$value}</string></xsl:variable>
        <xsl:value-of select="replace(xml-to-json($string), '\\/', '/')"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="Exporter | Consignee">
    <map key="{if (self::Exporter) then 'exportador' else 'importador'}">
      <xsl:sequence select="cl:string('nombre', Name), cl:string('identificacion', ID),
                            cl:string('direccion', Address/Line), cl:string('ciudad', Address/CityName),
                            cl:string('pais', cl:code('countries', Address/CountryCode))"/>
    </map>
  </xsl:template>

  <xsl:template match="GoodsItem">
    <xsl:if test="OriginCountryCode ne ../ExportCountryCode">
      <xsl:sequence select="cl:unwritable(OriginCountryCode, 'cl-json states no origin country other than paisExportador')"/>
    </xsl:if>
    <xsl:if test="OriginCriterion/ModifierCode">
      <xsl:sequence select="cl:unwritable(OriginCriterion/ModifierCode[1], 'cl-json has no origin criterion modifier')"/>
    </xsl:if>
    <map>
      <number key="item">{SequenceNumeric}</number>
      <string key="codigoSA">{HSCode}</string>
      <string key="descripcion">{Description}</string>
      <string key="criterioOrigen">{cl:code('criteria', OriginCriterion/Code)}</string>
      <xsl:sequence select="cl:string('nivelCambio', cl:code('change-levels', OriginCriterion/ChangeLevelCode)),
                            cl:number('porcentajeVCR', OriginCriterion/Percent),
                            cl:number('cantidad', Quantity),
                            cl:string('unidad', cl:code('units', Quantity/@unitCode)),
                            cl:number('pesoBruto', GrossMass ! (xs:decimal(.) * cl:kilograms(@unitCode))),
                            cl:number('valorFOB', FOBValue),
                            cl:string('moneda', FOBValue/@currencyID)"/>
    </map>
  </xsl:template>

  <!-- Optional members: written only when the canonical value is there. -->
  <xsl:function name="cl:string" as="element()?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="item()?"/>
    <xsl:for-each select="$value"><string key="{$key}">{.}</string></xsl:for-each>
  </xsl:function>

  <xsl:function name="cl:number" as="element()?">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="value" as="item()?"/>
    <xsl:for-each select="$value"><number key="{$key}">{xs:decimal(.)}</number></xsl:for-each>
  </xsl:function>

  <!-- pesoBruto is kilograms: the factor of the canonical mass unit (xslt/codelists/cl-json/gross-mass-units.xml). -->
  <xsl:function name="cl:kilograms" as="xs:decimal?">
    <xsl:param name="unit" as="attribute()"/>
    <xsl:variable name="entry" select="oh:codelist('cl-json/gross-mass-units')/codelist/entry[@key eq $unit]"
                  xpath-default-namespace=""/>
    <xsl:sequence select="if ($entry) then xs:decimal($entry/@factor)
                          else cl:unwritable($unit, 'pesoBruto is kilograms and ' || $unit || ' is no mass unit of cl-json/gross-mass-units')"/>
  </xsl:function>

  <!-- The cl-json spelling of a canonical code: the first entry of xslt/codelists/cl-json/$list.xml with it. -->
  <xsl:function name="cl:code" as="xs:string?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="value" as="node()?"/>
    <xsl:variable name="national" select="oh:reverse('cl-json/' || $list, $value)"/>
    <xsl:sequence select="if (exists($value) and empty($national))
                          then cl:unwritable($value, 'no entry in code list cl-json/' || $list)
                          else $national"/>
  </xsl:function>

  <xsl:function name="cl:unwritable" as="empty-sequence()">
    <xsl:param name="node" as="node()"/>
    <xsl:param name="why" as="xs:string"/>
    <xsl:message terminate="yes" error-code="oh:E040">canonical → cl-json: {cl:path($node)} '{$node}' cannot be written: {$why}</xsl:message>
  </xsl:function>

  <!-- A readable path to a canonical node, goods items by sequence number: GoodsItem[2]/Quantity/@unitCode. -->
  <xsl:function name="cl:path" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string-join($node/ancestor-or-self::node()[parent::node()]
                            ! (if (self::attribute()) then '@' || local-name()
                               else if (self::GoodsItem) then 'GoodsItem[' || SequenceNumeric || ']'
                               else local-name()), '/')"/>
  </xsl:function>
</xsl:stylesheet>
