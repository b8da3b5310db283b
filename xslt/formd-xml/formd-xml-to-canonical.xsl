<?xml version="1.0" encoding="UTF-8"?>
<!--
  formd-xml (ASEAN-style e-Form D, urn:x-sample:eco:formd:1) → canonical CertificateOfOrigin.
  Rules: ../shared/specs/national-formats.md §1. The input has passed xsd/national/formd-xml-1.0.xsd,
  so shapes (dates, HS, numbers, Y/N) are known good; what is left here is code-list membership
  (E040), calendar validity of dates and item numbering.

  The certificate is built in a variable with oh:code()/oh:error() where values go, then oh:emit()
  returns it, or every error it holds as err:Errors (one pass reports every bad field).
  Error fields are national paths: ExportingCountry, Items/Item[2]/GrossWeight, Box3Transport/@mode.
  Element order follows the canonical XSD sequence.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:oh="urn:originhub:functions"
                xmlns:fd="urn:originhub:formd-xml"
                xmlns="urn:originhub:canonical:1"
                xpath-default-namespace="urn:x-sample:eco:formd:1"
                exclude-result-prefixes="#all"
                expand-text="yes">

  <xsl:include href="../common/originhub-functions.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/FormD">
    <!-- Computed once: it is also every item's origin country, and an unknown name must be reported once. -->
    <xsl:variable name="export-country" select="oh:code('formd-xml/countries', ExportingCountry, 'ExportingCountry')"/>
    <xsl:variable name="certificate" as="element()">
      <CertificateOfOrigin>
        <CertificateID>{fd:text(RefNo)}</CertificateID>
        <DocumentTypeCode>864</DocumentTypeCode>
        <FormCode><xsl:sequence select="fd:code('form-types', FormType)"/></FormCode>
        <AgreementCode><xsl:sequence select="fd:code('agreements', Agreement)"/></AgreementCode>
        <IssueDate><xsl:sequence select="fd:date(IssueDate)"/></IssueDate>
        <StatusCode>ISSUED</StatusCode>
        <!-- Box 13: one code per flag set to Y, in code-list order. -->
        <xsl:variable name="flags" select="Box13/@*[normalize-space() = 'Y'] ! local-name()"/>
        <xsl:for-each select="oh:codelist('formd-xml/special-circumstances')//Q{}entry[@key = $flags]">
          <SpecialCircumstanceCode>{@code}</SpecialCircumstanceCode>
        </xsl:for-each>
        <ExportCountryCode><xsl:sequence select="$export-country"/></ExportCountryCode>
        <ImportCountryCode><xsl:sequence select="fd:code('countries', ImportingCountry)"/></ImportCountryCode>
        <IssuingAuthority>
          <ID>{fd:text(IssuingAuthority/@code)}</ID>
          <Name>{fd:text(IssuingAuthority)}</Name>
        </IssuingAuthority>
        <xsl:where-populated>
          <AuthorisedSignatory><xsl:where-populated><Name>{fd:text(Box12Certification/@officer)}</Name></xsl:where-populated></AuthorisedSignatory>
        </xsl:where-populated>
        <Exporter><xsl:sequence select="fd:party(Box1Exporter)"/></Exporter>
        <Consignee><xsl:sequence select="fd:party(Box2Consignee)"/></Consignee>
        <xsl:where-populated><DepartureDate><xsl:sequence select="fd:date(Box3Transport/@departureDate)"/></DepartureDate></xsl:where-populated>
        <xsl:where-populated><TransportModeCode><xsl:sequence select="fd:code('transport-modes', Box3Transport/@mode)"/></TransportModeCode></xsl:where-populated>
        <xsl:where-populated><TransportMeansName>{fd:text(Box3Transport/@vessel)}</TransportMeansName></xsl:where-populated>
        <xsl:sequence select="fd:location('LoadingLocation', Box3Transport/@portOfLoading),
                              fd:location('UnloadingLocation', Box3Transport/@portOfDischarge)"/>
        <!-- Certificate-level invoices: distinct numbers, each with the first date any item gives it. -->
        <xsl:for-each-group select="Items/Item[fd:text(InvoiceNo)]" group-by="fd:text(InvoiceNo)">
          <Invoice>
            <ID>{current-grouping-key()}</ID>
            <xsl:where-populated><IssueDate><xsl:sequence select="fd:date((current-group()/InvoiceDate[fd:text(.)])[1])"/></IssueDate></xsl:where-populated>
          </Invoice>
        </xsl:for-each-group>
        <xsl:apply-templates select="Items/Item">
          <xsl:with-param name="origin-country" select="$export-country[. instance of xs:string]"/>
        </xsl:apply-templates>
        <xsl:where-populated>
          <ExporterDeclaration><xsl:sequence select="fd:statement(Box11ExporterDeclaration)"/></ExporterDeclaration>
        </xsl:where-populated>
        <xsl:where-populated>
          <Certification><xsl:sequence select="fd:statement(Box12Certification)"/></Certification>
        </xsl:where-populated>
        <xsl:where-populated><Remarks>{fd:free-text(Remarks)}</Remarks></xsl:where-populated>
      </CertificateOfOrigin>
    </xsl:variable>
    <xsl:sequence select="oh:emit($certificate)"/>
  </xsl:template>

  <xsl:template match="Item">
    <xsl:param name="origin-country" as="xs:string?"/>
    <xsl:variable name="packages" select="tokenize(normalize-space(Packages))"/>
    <GoodsItem>
      <!-- The format numbers items 1, 2, … in order; the XSD cannot say so without xs:unique. -->
      <SequenceNumeric><xsl:sequence select="if (xs:integer(@no) eq position()) then string(xs:integer(@no))
          else oh:error('E001', fd:path(@no), 'item numbered ' || @no || ' at position ' || position() || ': items are numbered 1, 2, … in order')"/></SequenceNumeric>
      <Description>{fd:free-text(Description)}</Description>
      <HSCode>{translate(normalize-space(HSCode), '.', '')}</HSCode>
      <OriginCountryCode>{$origin-country}</OriginCountryCode>
      <xsl:sequence select="fd:criterion(OriginCriterion)"/>
      <xsl:where-populated><PackageQuantity>{$packages[1] ! xs:integer(translate(., ',', ''))}</PackageQuantity></xsl:where-populated>
      <xsl:where-populated><PackageTypeCode><xsl:sequence select="fd:coded('formd-xml/packages', string-join(tail($packages), ' '), Packages)"/></PackageTypeCode></xsl:where-populated>
      <xsl:where-populated><MarksAndNumbers>{fd:text(Marks)}</MarksAndNumbers></xsl:where-populated>
      <xsl:sequence select="fd:measure('GrossMass', GrossWeight, 'formd-xml/gross-weight-units'),
                            fd:measure('Quantity', Quantity, 'formd-xml/quantity-units')"/>
      <xsl:if test="fd:text(FOBValue)">
        <xsl:variable name="fob" select="tokenize(normalize-space(FOBValue))"/>
        <!-- The amount keeps its lexical form (71200.00): decimals of money are meaningful. -->
        <FOBValue currencyID="{$fob[1]}">{translate($fob[2], ',', '')}</FOBValue>
      </xsl:if>
      <xsl:where-populated><InvoiceRef>{fd:text(InvoiceNo)}</InvoiceRef></xsl:where-populated>
    </GoodsItem>
  </xsl:template>

  <!-- Whitespace-normalised text, or nothing for absent/blank (absent and empty mean the same). -->
  <xsl:function name="fd:text" as="xs:string?">
    <xsl:param name="value" as="item()?"/>
    <xsl:sequence select="normalize-space($value)[. ne '']"/>
  </xsl:function>

  <!-- Free text keeps its inner line breaks; only the ends are trimmed. -->
  <xsl:function name="fd:free-text" as="xs:string?">
    <xsl:param name="value" as="item()?"/>
    <xsl:sequence select="replace(string($value), '^\s+|\s+$', '')[. ne '']"/>
  </xsl:function>

  <!-- oh:code on one of this format's lists, the field named by the node's national path. -->
  <xsl:function name="fd:code" as="item()?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="value" as="node()?"/>
    <xsl:sequence select="$value ! fd:coded('formd-xml/' || $list, string(.), .)"/>
  </xsl:function>

  <!-- oh:code, the field named by the national path of $node. Saxon works a function's arguments out before the
       call, so the path is built here, and only for a value the list does not know: building it for every value
       was 6 % of this stylesheet's garbage (docs/performance.md, "The hand-over reads the envelope once"). -->
  <xsl:function name="fd:coded" as="item()?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="node" as="node()"/>
    <xsl:variable name="code" select="oh:lookup($list, $value)"/>
    <xsl:sequence select="if (exists($code)) then $code else oh:code($list, $value, fd:path($node))"/>
  </xsl:function>

  <!-- The code-list entry for a national value, to read its extra attributes (factor, level, percent). -->
  <xsl:function name="fd:entry" as="element()?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="key('oh:by-key', upper-case(normalize-space($value)), oh:codelist($list))[1]"/>
  </xsl:function>

  <!-- National path of a node for error fields: Items/Item[2]/GrossWeight, Box3Transport/@mode. -->
  <xsl:function name="fd:path" as="xs:string">
    <xsl:param name="node" as="node()"/>
    <xsl:sequence select="string-join($node/ancestor-or-self::node()[not(self::document-node() | self::FormD)]
        ! (if (. instance of attribute()) then '@' || local-name()
           else if (self::Item) then 'Item[' || (count(preceding-sibling::Item) + 1) || ']'
           else local-name()), '/')"/>
  </xsl:function>

  <!-- dd/MM/yyyy → ISO date. The XSD fixes the shape; a day that does not exist (31/02) is caught here. -->
  <xsl:function name="fd:date" as="item()?">
    <xsl:param name="value" as="node()?"/>
    <xsl:variable name="iso" select="replace(normalize-space($value), '^(\d\d)/(\d\d)/(\d{4})$', '$3-$2-$1')"/>
    <xsl:sequence select="if (empty(fd:text($value))) then ()
                          else if ($iso castable as xs:date) then $iso
                          else oh:error('E001', fd:path($value), 'not a calendar date: ' || normalize-space($value))"/>
  </xsl:function>

  <!-- Name|Street|City Postcode|COUNTRY NAME → Name, ID (taxId), Address. The postcode is the last
       token of part 3 when it holds a digit ("Bangkok 10110"); otherwise part 3 is all city. -->
  <xsl:function name="fd:party" as="item()*">
    <xsl:param name="box" as="element()"/>
    <xsl:variable name="part" select="tokenize($box, '\|') ! normalize-space()"/>
    <xsl:variable name="place" select="tokenize($part[3])"/>
    <xsl:variable name="postcode" select="$place[last()][matches(., '\d')]"/>
    <xsl:variable name="city" select="string-join(if (exists($postcode)) then $place[position() lt last()] else $place, ' ')"/>
    <Name><xsl:sequence select="fd:bounded($part[1], 512, $box)"/></Name>
    <xsl:where-populated><ID>{fd:text($box/@taxId)}</ID></xsl:where-populated>
    <Address>
      <xsl:where-populated><Line><xsl:sequence select="fd:bounded($part[2], 256, $box)"/></Line></xsl:where-populated>
      <xsl:where-populated><CityName><xsl:sequence select="fd:bounded($city, 256, $box)"/></CityName></xsl:where-populated>
      <xsl:where-populated><PostcodeID><xsl:sequence select="fd:bounded($postcode, 35, $box)"/></PostcodeID></xsl:where-populated>
      <CountryCode><xsl:sequence select="fd:coded('formd-xml/countries', $part[4], $box)"/></CountryCode>
    </Address>
  </xsl:function>

  <!-- A packed part longer than its canonical element allows (the XSD bounds only the whole box). -->
  <xsl:function name="fd:bounded" as="item()?">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="max" as="xs:integer"/>
    <xsl:param name="field" as="node()"/>
    <xsl:sequence select="if (string-length($value) le $max) then fd:text($value)
                          else oh:error('E001', fd:path($field), 'part longer than ' || $max || ' characters: ' || substring($value, 1, 40) || '…')"/>
  </xsl:function>

  <!-- A port: UN/LOCODE when the port list knows the name, the name always; unknown names are no error. -->
  <xsl:function name="fd:location" as="element()?">
    <xsl:param name="element" as="xs:string"/>
    <xsl:param name="port" as="attribute()?"/>
    <xsl:if test="fd:text($port)">
      <xsl:element name="{$element}">
        <xsl:where-populated><ID>{oh:lookup('formd-xml/ports', $port)}</ID></xsl:where-populated>
        <Name>{fd:text($port)}</Name>
      </xsl:element>
    </xsl:if>
  </xsl:function>

  <!-- "<number> <UNIT>" → a canonical measure; the unit's entry gives its Rec 20 code and an optional
       conversion factor (MT → KGM × 1000). Decimal arithmetic, so 40.32 MT is exactly 40320. -->
  <xsl:function name="fd:measure" as="element()?">
    <xsl:param name="element" as="xs:string"/>
    <xsl:param name="value" as="element()?"/>
    <xsl:param name="list" as="xs:string"/>
    <xsl:variable name="amount-unit" select="tokenize(normalize-space($value))"/>
    <xsl:variable name="unit" select="fd:entry($list, $amount-unit[2])"/>
    <xsl:choose>
      <xsl:when test="empty($amount-unit)"/>
      <xsl:when test="empty($unit)">
        <xsl:sequence select="oh:code($list, $amount-unit[2], fd:path($value))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$element}">
          <xsl:attribute name="unitCode" select="$unit/@code"/>
          <xsl:sequence select="xs:decimal(translate($amount-unit[1], ',', '')) * xs:decimal(($unit/@factor, 1)[1])"/>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- "WO", "CTSH", "RVC 45%", "PC 25%", "CTH ACU": the first token's entry says the criterion and
       whether a percentage follows; trailing tokens must be known modifiers. Anything else is E040. -->
  <xsl:function name="fd:criterion" as="element()">
    <xsl:param name="value" as="element()"/>
    <xsl:variable name="token" select="tokenize(normalize-space($value))"/>
    <xsl:variable name="rule" select="fd:entry('formd-xml/origin-criteria', $token[1])"/>
    <xsl:variable name="with-percent" select="$rule/@percent = 'yes'"/>
    <xsl:variable name="percent" select="$token[2][$with-percent][matches(., '^[0-9]+(\.[0-9]+)?%$')] ! xs:decimal(substring-before(., '%'))"/>
    <xsl:variable name="trailing" select="subsequence($token, if ($with-percent) then 3 else 2)"/>
    <xsl:variable name="modifiers" select="$trailing ! oh:lookup('formd-xml/origin-modifiers', .)"/>
    <xsl:sequence select="
      if (empty($rule) or ($with-percent and empty($percent)) or count($modifiers) ne count($trailing))
      then oh:error('E040', fd:path($value), 'unknown origin criterion ''' || normalize-space($value) || ''' (code list formd-xml/origin-criteria)')
      else fd:criterion-element($rule, $percent, $modifiers)"/>
  </xsl:function>

  <xsl:function name="fd:criterion-element" as="element()">
    <xsl:param name="rule" as="element()"/>
    <xsl:param name="percent" as="xs:decimal?"/>
    <xsl:param name="modifiers" as="xs:string*"/>
    <OriginCriterion>
      <Code>{$rule/@code}</Code>
      <xsl:where-populated><ChangeLevelCode>{$rule/@level}</ChangeLevelCode></xsl:where-populated>
      <xsl:where-populated><Percent>{$percent}</Percent></xsl:where-populated>
      <xsl:for-each select="distinct-values(($rule/@modifier, $modifiers))">
        <ModifierCode>{.}</ModifierCode>
      </xsl:for-each>
    </OriginCriterion>
  </xsl:function>

  <!-- Box 11 / Box 12 attributes → StatementType children (Place, Date). -->
  <xsl:function name="fd:statement" as="item()*">
    <xsl:param name="box" as="element()?"/>
    <xsl:where-populated><Place>{fd:text($box/@place)}</Place></xsl:where-populated>
    <xsl:where-populated><Date><xsl:sequence select="fd:date($box/@date)"/></Date></xsl:where-populated>
  </xsl:function>
</xsl:stylesheet>
