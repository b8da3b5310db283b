<?xml version="1.0" encoding="UTF-8"?>
<!-- The Form D import stylesheet, made to crash with an uncaught dynamic error on a document whose remarks say
     POISON: what a stylesheet bug does to one document among many. -->
<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:xs="http://www.w3.org/2001/XMLSchema"
                xpath-default-namespace="urn:x-sample:eco:formd:1">
  <xsl:import href="../../../../xslt/formd-xml/formd-xml-to-canonical.xsl"/>
  <xsl:template match="/FormD" priority="10">
    <xsl:if test="contains(string(Remarks), 'POISON')">
      <xsl:sequence select="xs:integer('not a number')"/>
    </xsl:if>
    <xsl:apply-imports/>
  </xsl:template>
</xsl:stylesheet>
