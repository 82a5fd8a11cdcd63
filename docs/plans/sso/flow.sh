#!/bin/bash
# curl walk-through of the dev-interaction login, consent skipped by loadExistingGrant
set -e
OP=${OP:-http://127.0.0.1:4000}; USER=${1:-tomoko}; NONCE=${2:-n1}
rm -f jar.txt
V=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP
C=$(printf %s "$V" | openssl dgst -sha256 -binary | basenc --base64url | tr -d '=')
AUTH="$OP/auth?response_type=code&client_id=madoguchi&redirect_uri=http%3A%2F%2F127.0.0.1%3A3000%2Fadmin%2Foidc%2Fcallback&scope=openid%20profile%20groups&state=st1&nonce=$NONCE&code_challenge=$C&code_challenge_method=S256"
loc() { grep -i '^location:' | tr -d '\r' | cut -d' ' -f2; }
L1=$(curl -s -o /dev/null -D - -c jar.txt -b jar.txt "$AUTH" | loc); echo "1 GET /auth -> $L1"
L2=$(curl -s -o /dev/null -D - -c jar.txt -b jar.txt --data-urlencode prompt=login --data-urlencode login=$USER --data-urlencode password=any "$OP$L1" | loc); echo "2 POST $L1 -> $L2"
L3=$(curl -s -o /dev/null -D - -c jar.txt -b jar.txt "$L2" | loc); echo "3 GET /auth/:uid -> $L3"
CODE=$(echo "$L3" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
echo "4 POST /token:"
curl -s -u madoguchi:madoguchi-test-secret -d grant_type=authorization_code -d code=$CODE \
  --data-urlencode redirect_uri=http://127.0.0.1:3000/admin/oidc/callback -d code_verifier=$V $OP/token > token.json
python3 - <<'PY'
import json,base64
t=json.load(open('token.json')); print({k:(v[:20]+'...' if isinstance(v,str) and len(v)>20 else v) for k,v in t.items()})
p=t['id_token'].split('.')[1]; p+='='*(-len(p)%4); print('id_token payload:', json.loads(base64.urlsafe_b64decode(p)))
PY
