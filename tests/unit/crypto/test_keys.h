#pragma once
// Fixed keys for crypto and jwt tests: refused ones (too small, unsupported curve or type) and the
// RFC vectors' keys as JWK JSON. The RFC texts are public; the small keys were generated once
// with `openssl genpkey` for these tests and protect nothing.

namespace tars::crypto::test {

// RSA-1024 public key (below our 2048-bit floor).
inline constexpr char kRsa1024PublicPem[] = R"(-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1tPwxmY65r35vPVvVeAxgw81h
ENHug3fzcDwquvCDoQRh4q7xCfXY4WvJRct+ln+ul0Y1hGnFXzsCVPKiiTtn3E21
SkpC/dI5F/yG8+4x5f83iQ+e4QvFeYfYe3H1aBdaTgbHPc6wp5f9JROdpJ7oj9VW
u2WWJzGDtaLVJIT7NwIDAQAB
-----END PUBLIC KEY-----
)";

// The same key's modulus as a JWK member.
inline constexpr char kRsa1024N[] =
    "tbT8MZmOua9-bz1b1XgMYMPNYRDR7oN383A8Krrwg6EEYeKu8Qn12OFryUXLfpZ_rpdGNYRpxV87AlTyook7Z9xNtUpKQv"
    "3SORf8hvPuMeX_N4kPnuELxXmH2Htx9WgXWk4Gxz3OsKeX_SUTnaSe6I_VVrtllicxg7Wi1SSE-zc";

// EC P-521 public key (unsupported curve).
inline constexpr char kP521PublicPem[] = R"(-----BEGIN PUBLIC KEY-----
MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQADR9S8iMHbBrVV8YJFzai5Bc8G7vg
xCdUGDkXEZ7vFGuC9wr1nBT3+hi8C7p+iIJulFSx55HirDs6+2CCltp20igB2P4Y
sN0s8AZyM5eNQ8Nra3LCz278wtvNQ4xqwSaMbPh9Faq8WwAXRq5fBM1ZnY4ZksBN
nTJuSn9iSefCwuZ5270=
-----END PUBLIC KEY-----
)";

// X25519 public key (a key-agreement key, not a signature key).
inline constexpr char kX25519PublicPem[] = R"(-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEAUEutMhXq6IlwMH3eGKgVt2Z0AVdh0SdJEpAYwY3CDXA=
-----END PUBLIC KEY-----
)";

// RFC 7515 Appendix A.2: the RSA key (private JWK, with CRT members).
inline constexpr char kRfc7515RsaJwk[] = R"({
  "kty":"RSA",
  "n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
  "e":"AQAB",
  "d":"Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ",
  "p":"4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
  "q":"uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc",
  "dp":"BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0",
  "dq":"h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU",
  "qi":"IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U"
})";

// RFC 7515 Appendix A.3: the P-256 key (private JWK).
inline constexpr char kRfc7515EcJwk[] = R"({
  "kty":"EC",
  "crv":"P-256",
  "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
  "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
  "d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"
})";

// RFC 7515 Appendix A.1: the HMAC key.
inline constexpr char kRfc7515OctJwk[] = R"({
  "kty":"oct",
  "k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"
})";

}  // namespace tars::crypto::test
