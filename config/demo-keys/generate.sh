#!/usr/bin/env bash
# Regenerates the demo hub's signing key (see README.md: demo only, the password is public).
set -euo pipefail
cd "$(dirname "$0")"
rm -f demo-hub.p12 demo-hub.pem
keytool -genkeypair -alias demo-hub -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -startdate 2024/01/01 -validity 36500 \
    -dname "CN=OriginHub demo hub (DEMO ONLY - NOT FOR PRODUCTION), O=OriginHub demo" \
    -storetype PKCS12 -keystore demo-hub.p12 -storepass demo-only -keypass demo-only
keytool -exportcert -rfc -alias demo-hub -keystore demo-hub.p12 -storepass demo-only -file demo-hub.pem
