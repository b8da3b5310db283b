<?xml version="1.0" encoding="UTF-8"?>
<!--
  Shared functions for every national stylesheet: code-list look-ups and coded mapping errors.

  Code lists are data: xslt/codelists/<list>.xml, each
    <codelist id="..."><entry key="THAILAND" code="TH"/>...</codelist>
  Look-ups are exact on the key after trimming and upper-casing it; a reverse look-up returns the
  first entry with that code, so the preferred national spelling is listed first.

  Mapping errors: a to-canonical stylesheet builds its certificate in a variable, putting
  oh:error(...) elements where a value cannot be mapped, then calls oh:emit($certificate). oh:emit
  returns the certificate when it holds no error, and otherwise an err:Errors document listing them
  all, so one pass reports every bad field of a certificate instead of stopping at the first.
-->
<xsl:stylesheet version="3.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xmlns:map="http://www.w3.org/2005/xpath-functions/map"
                xmlns:oh="urn:originhub:functions"
                xmlns:err="urn:originhub:errors:1"
                exclude-result-prefixes="#all">

  <xsl:variable name="oh:codelist-base" as="xs:string" select="resolve-uri('../codelists/', static-base-uri())"/>

  <!-- Every code list, keyed as oh:codelist names it ('kr-csv/countries'), read once when the hub starts and handed to
       each transformation (NationalFormats). Through doc(), each transformation resolved each list's URI again: a
       tenth to a fifth of a mapping's time (docs/performance.md). -->
  <xsl:param name="oh:codelists" as="map(xs:string, document-node())" select="map{}"/>

  <xsl:function name="oh:codelist" as="document-node()">
    <xsl:param name="list" as="xs:string"/>
    <xsl:sequence select="($oh:codelists($list), oh:codelist-file($list))[1]"/>
  </xsl:function>

  <!-- A stylesheet run on its own (a test, an operator trying a mapping, the benchmark's plain Camel route) reads each
       list once per transformation (doc() is stable). -->
  <xsl:function name="oh:codelist-file" as="document-node()" cache="yes">
    <xsl:param name="list" as="xs:string"/>
    <xsl:sequence select="doc($oh:codelist-base || $list || '.xml')"/>
  </xsl:function>

  <xsl:key name="oh:by-key" match="entry" use="upper-case(normalize-space(@key))"/>
  <xsl:key name="oh:by-code" match="entry" use="string(@code)"/>

  <!-- The code for a national value, or the empty sequence when the list does not know it. -->
  <xsl:function name="oh:lookup" as="xs:string?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($value) = '') then ()
                          else (key('oh:by-key', upper-case(normalize-space($value)), oh:codelist($list))/@code)[1]/string()"/>
  </xsl:function>

  <!-- The national value for a canonical code (first entry wins), or the empty sequence. -->
  <xsl:function name="oh:reverse" as="xs:string?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="code" as="xs:string?"/>
    <xsl:sequence select="if (normalize-space($code) = '') then ()
                          else (key('oh:by-code', normalize-space($code), oh:codelist($list))/@key)[1]/string()"/>
  </xsl:function>

  <!-- A coded mapping error, to be placed where the value would have gone. -->
  <xsl:function name="oh:error" as="element(err:Error)">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="field" as="xs:string"/>
    <xsl:param name="message" as="xs:string"/>
    <err:Error code="{$code}" field="{$field}"><xsl:value-of select="$message"/></err:Error>
  </xsl:function>

  <!-- Same, with the line number of the national input (CSV records). -->
  <xsl:function name="oh:error" as="element(err:Error)">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="field" as="xs:string"/>
    <xsl:param name="message" as="xs:string"/>
    <xsl:param name="line" as="xs:integer?"/>
    <err:Error code="{$code}" field="{$field}">
      <xsl:if test="exists($line)"><xsl:attribute name="line" select="$line"/></xsl:if>
      <xsl:value-of select="$message"/>
    </err:Error>
  </xsl:function>

  <!-- Looks a value up; when the list does not know it, an E040 error naming the field and value. -->
  <xsl:function name="oh:code" as="item()?">
    <xsl:param name="list" as="xs:string"/>
    <xsl:param name="value" as="xs:string?"/>
    <xsl:param name="field" as="xs:string"/>
    <xsl:variable name="code" select="oh:lookup($list, $value)"/>
    <xsl:sequence select="if (normalize-space($value) = '') then ()
                          else if (exists($code)) then $code
                          else oh:error('E040', $field, 'unknown value ''' || normalize-space($value) || ''' (code list ' || $list || ')')"/>
  </xsl:function>

  <!-- The certificate, or all the errors it carries. -->
  <xsl:function name="oh:emit" as="element()">
    <xsl:param name="certificate" as="element()"/>
    <xsl:variable name="errors" select="$certificate/descendant-or-self::err:Error"/>
    <xsl:choose>
      <xsl:when test="empty($errors)"><xsl:sequence select="$certificate"/></xsl:when>
      <xsl:otherwise><err:Errors><xsl:sequence select="$errors"/></err:Errors></xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
