#!/usr/bin/env bash
# Regenerates the test-only signing keys of this folder with the JDK's keytool. They are committed so that
# the tests are repeatable and fast; nothing here is ever used outside the tests.
#   th-dft      RSA 2048, the TH hub of TwoHubExchangeTest (party TH:DFT)
#   vn-gdvc     EC P-256, the VN hub (party VN:GDVC)
#   expired     RSA 2048, a certificate that was valid for 30 days in 2020
#   partner-ca  RSA 2048 CA (basicConstraints CA), and issued-by-ca, an EC key whose certificate it issued
#   other-ca    a CA nobody trusts
# Valid certificates start in 2024 (a machine whose clock is behind the day they were made still accepts them).
set -euo pipefail
cd "$(dirname "$0")"
PASS=test-only
rm -f ./*.p12 ./*.pem

key() { # alias, keytool options...
    local alias=$1; shift
    keytool -genkeypair -alias "$alias" -storetype PKCS12 -keystore "$alias.p12" -storepass "$PASS" -keypass "$PASS" "$@"
    keytool -exportcert -rfc -alias "$alias" -keystore "$alias.p12" -storepass "$PASS" -file "$alias.pem"
}

key th-dft -keyalg RSA -keysize 2048 -sigalg SHA256withRSA -startdate 2024/01/01 -validity 36500 \
    -dname "CN=TH:DFT test signing key (TEST ONLY), O=OriginHub tests, C=TH"
key vn-gdvc -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -startdate 2024/01/01 -validity 36500 \
    -dname "CN=VN:GDVC test signing key (TEST ONLY), O=OriginHub tests, C=VN"
key expired -keyalg RSA -keysize 2048 -sigalg SHA256withRSA -startdate 2020/01/01 -validity 30 \
    -dname "CN=VN:GDVC expired test key (TEST ONLY), O=OriginHub tests, C=VN"
key partner-ca -keyalg RSA -keysize 2048 -sigalg SHA256withRSA -startdate 2024/01/01 -validity 36500 -ext bc:c \
    -dname "CN=VN test CA (TEST ONLY), O=OriginHub tests, C=VN"
key other-ca -keyalg RSA -keysize 2048 -sigalg SHA256withRSA -startdate 2024/01/01 -validity 36500 -ext bc:c \
    -dname "CN=Unrelated test CA (TEST ONLY), O=OriginHub tests, C=ZZ"

# an end-entity key whose certificate partner-ca issues: trusted through the CA, not pinned
keytool -genkeypair -alias issued-by-ca -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -startdate 2024/01/01 -validity 36500 \
    -dname "CN=VN:GDVC key issued by the test CA (TEST ONLY), O=OriginHub tests, C=VN" \
    -storetype PKCS12 -keystore issued-by-ca.p12 -storepass "$PASS" -keypass "$PASS"
keytool -importcert -noprompt -alias partner-ca -file partner-ca.pem -keystore issued-by-ca.p12 -storepass "$PASS"
keytool -certreq -alias issued-by-ca -keystore issued-by-ca.p12 -storepass "$PASS" \
    | keytool -gencert -alias partner-ca -keystore partner-ca.p12 -storepass "$PASS" -startdate 2024/01/01 -validity 36500 \
        -ext ku:c=digitalSignature -rfc \
    | keytool -importcert -noprompt -alias issued-by-ca -keystore issued-by-ca.p12 -storepass "$PASS"
keytool -exportcert -rfc -alias issued-by-ca -keystore issued-by-ca.p12 -storepass "$PASS" -file issued-by-ca.pem
